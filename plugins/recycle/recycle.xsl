<?xml version="1.0" encoding="UTF-8"?>
<!--
  recycle.xsl - the "recycle" block: a free recycling return of the old
  pair, with a return code and a link to its claim page per eligible
  item, and the brand's running total.

  Reads the data tree documented at the top of recycle.c.  Words come
  only from the tree; every URL goes through ppx:url(), and a link is
  written only when it gives something back (the code stands alone).

  Email-safe: tables with role="presentation", inline styles, 600px at
  most, Arial/Helvetica, no images.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:ppx="urn:ppx:xslt"
    exclude-result-prefixes="ppx">

<xsl:output method="html" indent="no" encoding="UTF-8"/>

<xsl:template match="/">
<xsl:variable name="tp" select="/touchpoint"/>
<table role="presentation" lang="{$tp/@lang}" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;border-collapse:collapse;background-color:#ffffff;font-family:Arial,Helvetica,sans-serif;color:#1f2328;">
	<tr>
		<td style="padding:24px 24px 4px 24px;font-size:22px;line-height:28px;font-weight:bold;color:#2e7d4f;"><xsl:value-of select="$tp/msg[@key='recycle.heading']"/></td>
	</tr>
	<tr>
		<td style="padding:4px 24px 12px 24px;font-size:15px;line-height:22px;"><xsl:value-of select="$tp/msg[@key='recycle.intro']"/></td>
	</tr>
	<xsl:for-each select="$tp/item">
	<xsl:variable name="href">
		<xsl:choose>
			<xsl:when test="function-available('ppx:url')">
				<xsl:value-of select="ppx:url(link/@href, 'recycle')"/>
			</xsl:when>
			<xsl:when test="starts-with(link/@href, 'https://')">
				<xsl:value-of select="link/@href"/>
			</xsl:when>
		</xsl:choose>
	</xsl:variable>
	<tr>
		<td style="padding:8px 24px;">
			<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;border-collapse:collapse;background-color:#eef7f1;border-left:4px solid #2e7d4f;">
				<xsl:if test="name">
				<tr>
					<td style="padding:12px 16px 0 16px;font-size:13px;line-height:18px;color:#4b5259;"><xsl:value-of select="name"/></td>
				</tr>
				</xsl:if>
				<tr>
					<td style="padding:8px 16px;font-family:'Courier New',Courier,monospace;font-size:24px;line-height:30px;font-weight:bold;letter-spacing:2px;color:#1f2328;"><xsl:value-of select="code"/></td>
				</tr>
				<xsl:if test="string($href) != ''">
				<tr>
					<td style="padding:0 16px 14px 16px;font-size:15px;line-height:22px;">
						<a href="{$href}" style="color:#2e7d4f;font-weight:bold;text-decoration:underline;"><xsl:value-of select="$tp/msg[@key='recycle.cta']"/></a>
					</td>
				</tr>
				</xsl:if>
			</table>
		</td>
	</tr>
	</xsl:for-each>
	<xsl:if test="$tp/total/msg">
	<tr>
		<td style="padding:8px 24px 24px 24px;font-size:15px;line-height:22px;color:#2e7d4f;font-weight:bold;"><xsl:value-of select="$tp/total/msg"/></td>
	</tr>
	</xsl:if>
</table>
</xsl:template>

</xsl:stylesheet>
