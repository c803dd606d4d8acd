<?xml version="1.0" encoding="UTF-8"?>
<!-- echo.xsl - shows every field the echo test plugin wrote back, as text,
     and its links through ppx:url: hostile input must stay inert. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:ppx="urn:ppx:xslt"
    exclude-result-prefixes="ppx">
<xsl:output method="html" indent="no" encoding="UTF-8"/>
<xsl:template match="/">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" lang="{/touchpoint/@lang}" style="width:100%;max-width:600px;font-family:Arial,Helvetica,sans-serif;">
<xsl:for-each select="//field">
<tr><td title="{@value}"><xsl:value-of select="@name"/>: <xsl:value-of select="."/></td></tr>
</xsl:for-each>
<xsl:for-each select="//link">
<xsl:variable name="href" select="ppx:url(@href, @kind)"/>
<xsl:if test="$href != ''">
<tr><td><a href="{$href}" style="color:#0b57d0;"><xsl:value-of select="@kind"/></a></td></tr>
</xsl:if>
</xsl:for-each>
</table>
</xsl:template>
</xsl:stylesheet>
