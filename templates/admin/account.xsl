<?xml version="1.0" encoding="UTF-8"?>
<!-- account.xsl - the logged-in user's own password. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="layout.xsl"/>
  <xsl:output method="html" indent="no" encoding="UTF-8"/>

  <xsl:template match="page" mode="title">Your password</xsl:template>

  <xsl:template match="page" mode="body">
    <section class="card narrow">
      <h1>Your password</h1>
      <xsl:if test="account/@done">
        <p class="notice" role="status">Changed. Every other session of yours has ended.</p>
      </xsl:if>
      <xsl:if test="account/@error">
        <p class="alert" role="alert"><xsl:value-of select="account/@error"/>. Nothing was changed.</p>
      </xsl:if>
      <form method="post" action="/admin/account" class="stack">
        <xsl:call-template name="csrf"/>
        <label for="current">Current password</label>
        <input id="current" type="password" name="current" required="required" autocomplete="current-password"/>
        <label for="password">New password (at least <xsl:value-of select="account/@min"/> characters)</label>
        <input id="password" type="password" name="password" required="required" minlength="{account/@min}" maxlength="256" autocomplete="new-password"/>
        <label for="again">New password again</label>
        <input id="again" type="password" name="again" required="required" minlength="{account/@min}" maxlength="256" autocomplete="new-password"/>
        <button class="primary" type="submit">Change password</button>
      </form>
      <p class="muted">Changing it ends your sessions in other browsers.</p>
    </section>
  </xsl:template>
</xsl:stylesheet>
