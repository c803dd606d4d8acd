<?xml version="1.0" encoding="UTF-8"?>
<!--
  voorpret.xsl - the "voorpret" block: a countdown (or today's headline, or
  an honest delay notice), the product on its way, and a few tips.

  Reads the data tree documented at the top of voorpret.c.  Words come only
  from the tree (msg elements, names, tips); every URL goes through
  ppx:url(), which checks the scheme and makes the tracked link, and an
  <a> or <img> is written only when it gives something back.  Under a stock
  xsltproc (no ppx:url) the preview keeps plain https URLs as they are.

  Email-safe: tables with role="presentation", inline styles, 600px at
  most, Arial/Helvetica, images with width, height and alt.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:ppx="urn:ppx:xslt"
    exclude-result-prefixes="ppx">

<xsl:output method="html" indent="no" encoding="UTF-8"/>

<xsl:template match="/">
<xsl:variable name="tp" select="/touchpoint"/>
<xsl:variable name="carrier" select="$tp/carrier | $tp/delay/carrier"/>
<xsl:variable name="product_href">
	<xsl:choose>
		<xsl:when test="function-available('ppx:url')">
			<xsl:value-of select="ppx:url($tp/product/link/@href, 'product')"/>
		</xsl:when>
		<xsl:when test="starts-with($tp/product/link/@href, 'https://')">
			<xsl:value-of select="$tp/product/link/@href"/>
		</xsl:when>
	</xsl:choose>
</xsl:variable>
<xsl:variable name="image_src">
	<xsl:choose>
		<xsl:when test="function-available('ppx:url')">
			<xsl:value-of select="ppx:url($tp/product/image/@src, 'image')"/>
		</xsl:when>
		<xsl:when test="starts-with($tp/product/image/@src, 'https://')">
			<xsl:value-of select="$tp/product/image/@src"/>
		</xsl:when>
	</xsl:choose>
</xsl:variable>
<xsl:variable name="tracking_href">
	<xsl:choose>
		<xsl:when test="function-available('ppx:url')">
			<xsl:value-of select="ppx:url($carrier/link/@href, 'tracking')"/>
		</xsl:when>
		<xsl:when test="starts-with($carrier/link/@href, 'https://')">
			<xsl:value-of select="$carrier/link/@href"/>
		</xsl:when>
	</xsl:choose>
</xsl:variable>

<table role="presentation" lang="{$tp/@lang}" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;border-collapse:collapse;background-color:#ffffff;font-family:Arial,Helvetica,sans-serif;color:#1f2328;">

	<xsl:if test="$tp/headline">
	<tr>
		<td style="padding:24px 24px 8px 24px;font-size:28px;line-height:34px;font-weight:bold;color:#e4572e;"><xsl:value-of select="$tp/headline/msg"/></td>
	</tr>
	</xsl:if>

	<xsl:if test="$tp/countdown">
	<xsl:if test="$tp/msg">
	<tr>
		<td style="padding:24px 24px 4px 24px;font-size:16px;line-height:24px;"><xsl:value-of select="$tp/msg"/></td>
	</tr>
	</xsl:if>
	<tr>
		<td style="padding:4px 24px 8px 24px;font-size:32px;line-height:38px;font-weight:bold;color:#e4572e;"><xsl:value-of select="$tp/countdown/msg"/></td>
	</tr>
	</xsl:if>

	<xsl:if test="$tp/delay">
	<tr>
		<td style="padding:24px 24px 8px 24px;">
			<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;border-collapse:collapse;background-color:#fff4ef;border-left:4px solid #e4572e;">
				<tr>
					<td style="padding:16px 16px 4px 16px;font-size:18px;line-height:26px;font-weight:bold;"><xsl:value-of select="$tp/delay/msg[@key='voorpret.delay']"/></td>
				</tr>
				<tr>
					<td style="padding:0 16px 16px 16px;font-size:15px;line-height:22px;"><xsl:value-of select="$tp/delay/msg[@key='voorpret.delay_sorry']"/></td>
				</tr>
			</table>
		</td>
	</tr>
	</xsl:if>

	<xsl:if test="string($tracking_href) != '' and $carrier/msg">
	<tr>
		<td style="padding:4px 24px 16px 24px;font-size:15px;line-height:22px;">
			<a href="{$tracking_href}" style="color:#e4572e;font-weight:bold;text-decoration:underline;"><xsl:value-of select="$carrier/msg"/></a>
			<xsl:if test="$carrier/name">
				<span style="color:#6b7178;"> (<xsl:value-of select="$carrier/name"/>)</span>
			</xsl:if>
		</td>
	</tr>
	</xsl:if>

	<xsl:if test="$tp/product">
	<tr>
		<td style="padding:16px 24px;">
			<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;border-collapse:collapse;border-top:1px solid #e6e8eb;border-bottom:1px solid #e6e8eb;">
				<tr>
					<xsl:if test="string($image_src) != ''">
					<td width="120" valign="top" style="width:120px;padding:16px 16px 16px 0;">
						<xsl:choose>
							<xsl:when test="string($product_href) != '' and string($tp/product/image/@alt) != ''">
								<a href="{$product_href}"><img src="{$image_src}" alt="{$tp/product/image/@alt}" width="120" height="120" border="0" style="display:block;width:120px;height:120px;border:0;"/></a>
							</xsl:when>
							<xsl:otherwise>
								<!-- No name to say what it shows: decoration, not a link. -->
								<img src="{$image_src}" alt="{$tp/product/image/@alt}" width="120" height="120" border="0" style="display:block;width:120px;height:120px;border:0;">
									<xsl:if test="string($tp/product/image/@alt) = ''">
										<xsl:attribute name="role">presentation</xsl:attribute>
									</xsl:if>
								</img>
							</xsl:otherwise>
						</xsl:choose>
					</td>
					</xsl:if>
					<td valign="middle" style="padding:16px 0;">
						<xsl:if test="$tp/product/msg">
						<div style="font-size:13px;line-height:18px;color:#6b7178;text-transform:uppercase;letter-spacing:1px;"><xsl:value-of select="$tp/product/msg"/></div>
						</xsl:if>
						<xsl:if test="$tp/product/name">
						<div style="padding-top:4px;font-size:18px;line-height:24px;font-weight:bold;">
							<xsl:choose>
								<xsl:when test="string($product_href) != ''">
									<a href="{$product_href}" style="color:#1f2328;text-decoration:none;"><xsl:value-of select="$tp/product/name"/></a>
								</xsl:when>
								<xsl:otherwise>
									<xsl:value-of select="$tp/product/name"/>
								</xsl:otherwise>
							</xsl:choose>
						</div>
						</xsl:if>
					</td>
				</tr>
			</table>
		</td>
	</tr>
	</xsl:if>

	<xsl:if test="$tp/tips/tip">
	<tr>
		<td style="padding:8px 24px 24px 24px;">
			<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;border-collapse:collapse;">
				<xsl:if test="$tp/tips/msg">
				<tr>
					<td colspan="2" style="padding:0 0 8px 0;font-size:17px;line-height:24px;font-weight:bold;"><xsl:value-of select="$tp/tips/msg"/></td>
				</tr>
				</xsl:if>
				<xsl:for-each select="$tp/tips/tip">
				<tr>
					<td width="20" valign="top" style="width:20px;padding:0 0 8px 0;font-size:15px;line-height:22px;font-weight:bold;color:#e4572e;">&#8226;</td>
					<td valign="top" style="padding:0 0 8px 0;font-size:15px;line-height:22px;"><xsl:value-of select="."/></td>
				</tr>
				</xsl:for-each>
			</table>
		</td>
	</tr>
	</xsl:if>

</table>
</xsl:template>

</xsl:stylesheet>
