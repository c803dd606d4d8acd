<?xml version="1.0" encoding="UTF-8"?>
<!--
  layout.xsl - the frame of every console page: head, top bar, main.
  A page stylesheet imports this one and brings two templates for its
  <page>: mode="title" (words for <title> and <h1>) and mode="body".
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="html" indent="no" encoding="UTF-8"/>

  <xsl:template match="/">
    <html lang="en">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:apply-templates select="page" mode="title"/> · ppx console</title>
        <link rel="stylesheet" href="/admin/static/admin.css"/>
      </head>
      <body>
        <header class="top">
          <a class="logo" href="/admin/brands"><span class="mark">p</span>ppx console</a>
          <xsl:if test="page/@brand">
            <nav class="tabs">
              <span class="brand"><xsl:value-of select="page/@brand"/></span>
              <a href="/admin/brands/{page/@brand}">
                <xsl:if test="page/@name = 'grid'"><xsl:attribute name="class">on</xsl:attribute></xsl:if>
                Touchpoints</a>
              <a href="/admin/brands/{page/@brand}/copy">
                <xsl:if test="page/@name = 'copy'"><xsl:attribute name="class">on</xsl:attribute></xsl:if>
                Copy</a>
              <a href="/admin/brands/{page/@brand}/results">
                <xsl:if test="page/@name = 'results'"><xsl:attribute name="class">on</xsl:attribute></xsl:if>
                Results</a>
              <xsl:if test="page/@role = 'admin'">
                <a href="/admin/brands/{page/@brand}/audit">
                  <xsl:if test="page/@name = 'audit'"><xsl:attribute name="class">on</xsl:attribute></xsl:if>
                  Audit log</a>
                <a href="/admin/brands/{page/@brand}/users">
                  <xsl:if test="page/@name = 'users'"><xsl:attribute name="class">on</xsl:attribute></xsl:if>
                  Users</a>
              </xsl:if>
            </nav>
          </xsl:if>
          <xsl:if test="page/@user">
            <form class="who" method="post" action="/admin/logout">
              <span><xsl:value-of select="page/@user"/></span>
              <xsl:if test="page/@role">
                <span class="role"><xsl:value-of select="page/@role"/></span>
              </xsl:if>
              <input type="hidden" name="csrf" value="{page/@csrf}"/>
              <a class="quiet" href="/admin/account">Password</a>
              <button class="quiet" type="submit">Log out</button>
            </form>
          </xsl:if>
        </header>
        <main>
          <xsl:apply-templates select="page" mode="body"/>
        </main>
      </body>
    </html>
  </xsl:template>

  <!-- A form's hidden CSRF field. -->
  <xsl:template name="csrf">
    <input type="hidden" name="csrf" value="{/page/@csrf}"/>
  </xsl:template>
</xsl:stylesheet>
