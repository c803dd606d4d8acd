<?xml version="1.0" encoding="UTF-8"?>
<!--
  fuzz.xsl - a template for fuzz_render that puts as much of the data tree
  into the output as a careless but legal template could: every element
  becomes a table row (recursively, so depth counts), its text a cell,
  href and src go through ppx:url(), alt, title and class are copied as
  attributes and color goes into a style attribute.  Whatever the data,
  the result must pass html_check() or be refused by tmpl_apply().
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:ppx="urn:ppx:xslt"
    exclude-result-prefixes="ppx">

<xsl:output method="html" indent="no" encoding="UTF-8"/>

<xsl:template match="/">
<div lang="{/*/@lang}">
	<xsl:apply-templates select="/*/*"/>
</div>
</xsl:template>

<xsl:template match="*">
<xsl:variable name="href" select="ppx:url(string(@href), string(@kind))"/>
<xsl:variable name="src" select="ppx:url(string(@src), 'image')"/>
<table role="presentation" class="{@class}">
	<tr>
		<td title="{@title}">
			<xsl:if test="@color">
				<xsl:attribute name="style">color:<xsl:value-of select="@color"/></xsl:attribute>
			</xsl:if>
			<xsl:choose>
				<xsl:when test="string-length($href) &gt; 0">
					<a href="{$href}"><xsl:value-of select="text()"/></a>
				</xsl:when>
				<xsl:otherwise>
					<xsl:value-of select="text()"/>
				</xsl:otherwise>
			</xsl:choose>
			<xsl:if test="string-length($src) &gt; 0">
				<img src="{$src}" alt="{@alt}" width="1" height="1"/>
			</xsl:if>
		</td>
	</tr>
	<xsl:if test="*">
	<tr><td><xsl:apply-templates select="*"/></td></tr>
	</xsl:if>
</table>
</xsl:template>

</xsl:stylesheet>
