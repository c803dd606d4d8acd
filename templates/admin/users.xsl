<?xml version="1.0" encoding="UTF-8"?>
<!--
  users.xsl - a brand's people and their roles, for the brand's admins:
  change a role, take it away, add someone.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="layout.xsl"/>
  <xsl:output method="html" indent="no" encoding="UTF-8"/>

  <xsl:template match="page" mode="title">Users of <xsl:value-of select="@brand"/></xsl:template>

  <xsl:template match="page" mode="body">
    <h1>Users</h1>
    <p class="muted">Viewers read; marketers also change the touchpoints and the copy;
      admins also read the audit log and manage the users. A brand keeps at least one admin.</p>
    <xsl:if test="users/@done">
      <p class="notice" role="status">
        <xsl:choose>
          <xsl:when test="users/@done = 'add'">Added.</xsl:when>
          <xsl:when test="users/@done = 'role'">Role changed.</xsl:when>
          <xsl:when test="users/@done = 'same'">That was the role already: nothing to change.</xsl:when>
          <xsl:otherwise>Removed from <xsl:value-of select="@brand"/>.</xsl:otherwise>
        </xsl:choose>
      </p>
    </xsl:if>
    <xsl:if test="users/@error">
      <p class="alert" role="alert"><xsl:value-of select="users/@error"/>. Nothing was changed.</p>
    </xsl:if>
    <section class="card">
      <table class="log users">
        <thead><tr><th>Address</th><th>Role</th><th></th></tr></thead>
        <tbody>
          <xsl:apply-templates select="users/user"/>
        </tbody>
      </table>
    </section>
    <section class="card">
      <h2>Add someone</h2>
      <form method="post" action="/admin/brands/{@brand}/users" class="inline add">
        <xsl:call-template name="csrf"/>
        <input type="hidden" name="action" value="add"/>
        <label>E-mail <input type="email" name="email" required="required" maxlength="254" autocomplete="off"/></label>
        <label>Role
          <select name="role">
            <option value="viewer">viewer</option>
            <option value="marketer" selected="selected">marketer</option>
            <option value="admin">admin</option>
          </select>
        </label>
        <label>Password (new users only)
          <input type="password" name="password" minlength="12" maxlength="256" autocomplete="new-password"/></label>
        <button type="submit">Add</button>
      </form>
      <p class="muted">Someone who is a user already (of any brand) keeps their password and only
        gets the role here. A new user gets the password you type: pass it on in person.</p>
    </section>
  </xsl:template>

  <xsl:template match="user">
    <tr>
      <td>
        <xsl:value-of select="@email"/>
        <xsl:if test="@self"><span class="pill">you</span></xsl:if>
      </td>
      <td>
        <form method="post" action="/admin/brands/{/page/@brand}/users" class="inline set-role">
          <xsl:call-template name="csrf"/>
          <input type="hidden" name="action" value="role"/>
          <input type="hidden" name="email" value="{@email}"/>
          <select name="role" aria-label="Role of {@email}">
            <xsl:call-template name="role-option"><xsl:with-param name="r" select="'viewer'"/></xsl:call-template>
            <xsl:call-template name="role-option"><xsl:with-param name="r" select="'marketer'"/></xsl:call-template>
            <xsl:call-template name="role-option"><xsl:with-param name="r" select="'admin'"/></xsl:call-template>
          </select>
          <button type="submit">Change</button>
        </form>
      </td>
      <td>
        <form method="post" action="/admin/brands/{/page/@brand}/users" class="inline">
          <xsl:call-template name="csrf"/>
          <input type="hidden" name="action" value="remove"/>
          <input type="hidden" name="email" value="{@email}"/>
          <button type="submit" class="danger" title="Remove {@email} from {/page/@brand}">Remove</button>
        </form>
      </td>
    </tr>
  </xsl:template>

  <xsl:template name="role-option">
    <xsl:param name="r"/>
    <option value="{$r}">
      <xsl:if test="@role = $r"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
      <xsl:value-of select="$r"/>
    </option>
  </xsl:template>
</xsl:stylesheet>
