<?xml version="1.0" encoding="UTF-8"?>
<!--
  manual.xsl - the "manual" block: "Get a head start" with the manual of
  what is in the parcel: its title, cover, the first steps and a link to
  the PDF.

  Reads the data tree documented at the top of manual.c.  Words come only
  from the tree; every URL goes through ppx:url(), and an <a> or <img> is
  written only when it gives something back.  Under a stock xsltproc (no
  ppx:url) the preview keeps plain https URLs as they are.

  Email-safe: tables with role="presentation", inline styles, 600px at
  most, Arial/Helvetica, the cover with width, height and alt.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:ppx="urn:ppx:xslt"
    exclude-result-prefixes="ppx">

<xsl:output method="html" indent="no" encoding="UTF-8"/>

<xsl:template match="/">
<xsl:variable name="tp" select="/touchpoint"/>
<xsl:variable name="pdf_href">
	<xsl:choose>
		<xsl:when test="function-available('ppx:url')">
			<xsl:value-of select="ppx:url($tp/pdf/@href, 'manual')"/>
		</xsl:when>
		<xsl:when test="starts-with($tp/pdf/@href, 'https://')">
			<xsl:value-of select="$tp/pdf/@href"/>
		</xsl:when>
	</xsl:choose>
</xsl:variable>
<xsl:variable name="cover_src">
	<xsl:choose>
		<xsl:when test="function-available('ppx:url')">
			<xsl:value-of select="ppx:url($tp/cover/@src, 'image')"/>
		</xsl:when>
		<xsl:when test="starts-with($tp/cover/@src, 'https://')">
			<xsl:value-of select="$tp/cover/@src"/>
		</xsl:when>
	</xsl:choose>
</xsl:variable>

<table role="presentation" lang="{$tp/@lang}" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;border-collapse:collapse;background-color:#ffffff;font-family:Arial,Helvetica,sans-serif;color:#1f2328;">
	<tr>
		<td style="padding:24px 24px 4px 24px;font-size:22px;line-height:28px;font-weight:bold;color:#1f6feb;"><xsl:value-of select="$tp/msg[@key='manual.heading']"/></td>
	</tr>
	<xsl:if test="$tp/msg[@key!='manual.heading']">
	<tr>
		<td style="padding:4px 24px 12px 24px;font-size:16px;line-height:24px;"><xsl:value-of select="$tp/msg[@key!='manual.heading']"/></td>
	</tr>
	</xsl:if>
	<tr>
		<td style="padding:8px 24px 24px 24px;">
			<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;border-collapse:collapse;border-top:1px solid #e6e8eb;">
				<tr>
					<xsl:if test="string($cover_src) != ''">
					<td width="{$tp/cover/@width}" valign="top" style="width:{$tp/cover/@width}px;padding:16px 16px 0 0;">
						<img src="{$cover_src}" alt="{$tp/cover/msg}" width="{$tp/cover/@width}" height="{$tp/cover/@height}" border="0" style="display:block;width:{$tp/cover/@width}px;height:{$tp/cover/@height}px;border:0;"/>
					</td>
					</xsl:if>
					<td valign="top" style="padding:16px 0 0 0;">
						<div style="font-size:18px;line-height:24px;font-weight:bold;"><xsl:value-of select="$tp/title"/></div>
						<xsl:if test="$tp/steps/step">
						<div style="padding-top:12px;font-size:15px;line-height:22px;font-weight:bold;"><xsl:value-of select="$tp/steps/msg"/></div>
						<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;border-collapse:collapse;">
							<xsl:for-each select="$tp/steps/step">
							<tr>
								<td width="24" valign="top" style="width:24px;padding:4px 0 0 0;font-size:15px;line-height:22px;font-weight:bold;color:#1f6feb;"><xsl:value-of select="position()"/>.</td>
								<td valign="top" style="padding:4px 0 0 0;font-size:15px;line-height:22px;"><xsl:value-of select="."/></td>
							</tr>
							</xsl:for-each>
						</table>
						</xsl:if>
						<xsl:if test="string($pdf_href) != ''">
						<div style="padding-top:16px;font-size:15px;line-height:22px;">
							<a href="{$pdf_href}" style="color:#1f6feb;font-weight:bold;text-decoration:underline;"><xsl:value-of select="$tp/pdf/msg"/></a>
						</div>
						</xsl:if>
					</td>
				</tr>
			</table>
		</td>
	</tr>
</table>
</xsl:template>

</xsl:stylesheet>
