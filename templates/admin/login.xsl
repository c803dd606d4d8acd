<?xml version="1.0" encoding="UTF-8"?>
<!-- login.xsl - the login form; its token rides in the ppx_login cookie. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="layout.xsl"/>
  <xsl:output method="html" indent="no" encoding="UTF-8"/>

  <xsl:template match="page" mode="title">Log in</xsl:template>

  <xsl:template match="page" mode="body">
    <section class="card narrow">
      <h1>Log in</h1>
      <p class="muted">Touchpoints, copy and results of your brands.</p>
      <xsl:if test="login/@error">
        <p class="alert" role="alert"><xsl:value-of select="login/@error"/></p>
      </xsl:if>
      <form method="post" action="/admin/login" class="stack">
        <input type="hidden" name="csrf" value="{login/@token}"/>
        <label for="email">E-mail address</label>
        <input id="email" name="email" type="email" autocomplete="username"
               required="required" maxlength="254" value="{login/@email}"/>
        <label for="password">Password</label>
        <input id="password" name="password" type="password"
               autocomplete="current-password" required="required" maxlength="256"/>
        <button type="submit" class="primary">Log in</button>
      </form>
    </section>
  </xsl:template>
</xsl:stylesheet>
