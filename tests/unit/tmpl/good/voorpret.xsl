<?xml version="1.0" encoding="UTF-8"?>
<!-- Default voorpret template: imports the shared layout and echoes data. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:ppx="urn:ppx:xslt" exclude-result-prefixes="ppx">
  <xsl:import href="../../../../templates/layout.xsl"/>
  <xsl:output method="html" indent="no" encoding="UTF-8"/>
  <xsl:template match="/">
    <xsl:variable name="t" select="touchpoint"/>
    <xsl:call-template name="ppx.outer">
      <xsl:with-param name="body">
        <xsl:call-template name="ppx.h">
          <xsl:with-param name="text" select="$t/msg[@key='voorpret.countdown']"/>
        </xsl:call-template>
        <p class="name" title="{$t/name}"><xsl:value-of select="$t/name"/></p>
        <xsl:variable name="u" select="ppx:url($t/url)"/>
        <xsl:if test="string-length($u) &gt; 0">
          <p><a href="{$u}"><xsl:value-of select="$t/name"/></a></p>
        </xsl:if>
        <xsl:call-template name="ppx.button">
          <xsl:with-param name="href" select="$t/url"/>
          <xsl:with-param name="label" select="$t/msg[@key='voorpret.cta']"/>
          <xsl:with-param name="bg" select="$t/color"/>
        </xsl:call-template>
        <xsl:call-template name="ppx.image">
          <xsl:with-param name="src" select="$t/image"/>
          <xsl:with-param name="width" select="120"/>
          <xsl:with-param name="height" select="80"/>
          <xsl:with-param name="alt" select="$t/name"/>
        </xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
