<?xml version="1.0" encoding="UTF-8"?>
<!--
  share.xsl - the "share" block: "Alles naar wens?", the product, and
  buttons to share it on Facebook, X, WhatsApp, Pinterest, LinkedIn or
  by e-mail, three to a row.

  Reads the data tree documented at the top of share.c.  Words come only
  from the tree (msg elements, the product's name); every URL goes
  through ppx:url(), which checks the scheme, and an <a> or <img> is
  written only when it gives something back.  The links themselves are
  already the host's tracked /r/ links.  Under a stock xsltproc (no
  ppx:url) the preview keeps plain https URLs as they are.

  Email-safe: tables with role="presentation", inline styles, 600px at
  most, Arial/Helvetica, images with width, height and alt, buttons as
  table cells with bgcolor (no flex, no floats).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:ppx="urn:ppx:xslt"
    exclude-result-prefixes="ppx">

<xsl:output method="html" indent="no" encoding="UTF-8"/>

<!-- A URL through ppx:url(), or a plain https one in a stock preview. -->
<xsl:template name="url">
	<xsl:param name="href"/>
	<xsl:param name="kind"/>
	<xsl:choose>
		<xsl:when test="function-available('ppx:url')">
			<xsl:value-of select="ppx:url(string($href), string($kind))"/>
		</xsl:when>
		<xsl:when test="starts-with($href, 'https://') or starts-with($href, 'mailto:')">
			<xsl:value-of select="$href"/>
		</xsl:when>
	</xsl:choose>
</xsl:template>

<!-- One share button: a cell a third of the row wide. -->
<xsl:template match="network">
	<xsl:variable name="href">
		<xsl:call-template name="url">
			<xsl:with-param name="href" select="link/@href"/>
			<xsl:with-param name="kind" select="concat('share-', @id)"/>
		</xsl:call-template>
	</xsl:variable>
	<td width="33%" valign="top" style="width:33%;padding:4px;">
		<xsl:if test="string($href) != ''">
		<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;border-collapse:separate;">
			<tr>
				<td align="center" bgcolor="#1f2328" style="background-color:#1f2328;border-radius:4px;padding:10px 4px;font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:20px;font-weight:bold;"><a href="{$href}" target="_blank" style="color:#ffffff;text-decoration:none;"><xsl:value-of select="msg"/></a></td>
			</tr>
		</table>
		</xsl:if>
	</td>
</xsl:template>

<xsl:template match="/">
<xsl:variable name="tp" select="/touchpoint"/>
<xsl:variable name="product_href">
	<xsl:call-template name="url">
		<xsl:with-param name="href" select="$tp/product/link/@href"/>
		<xsl:with-param name="kind" select="'product'"/>
	</xsl:call-template>
</xsl:variable>
<xsl:variable name="image_src">
	<xsl:call-template name="url">
		<xsl:with-param name="href" select="$tp/product/image/@src"/>
		<xsl:with-param name="kind" select="'image'"/>
	</xsl:call-template>
</xsl:variable>

<table role="presentation" lang="{$tp/@lang}" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;border-collapse:collapse;background-color:#ffffff;font-family:Arial,Helvetica,sans-serif;color:#1f2328;">

	<xsl:if test="$tp/msg[@key='share.heading']">
	<tr>
		<td style="padding:24px 24px 8px 24px;font-size:26px;line-height:32px;font-weight:bold;color:#1f2328;"><xsl:value-of select="$tp/msg[@key='share.heading']"/></td>
	</tr>
	</xsl:if>

	<xsl:if test="$tp/msg[@key='share.intro' or @key='share.intro_anon']">
	<tr>
		<td style="padding:0 24px 8px 24px;font-size:16px;line-height:24px;"><xsl:value-of select="$tp/msg[@key='share.intro' or @key='share.intro_anon']"/></td>
	</tr>
	</xsl:if>

	<xsl:if test="$tp/product/name or string($image_src) != ''">
	<tr>
		<td style="padding:8px 24px;">
			<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;border-collapse:collapse;">
				<tr>
					<xsl:if test="string($image_src) != ''">
					<td width="80" valign="middle" style="width:80px;padding:0 16px 0 0;">
						<xsl:choose>
							<xsl:when test="string($product_href) != '' and string($tp/product/image/@alt) != ''">
								<a href="{$product_href}"><img src="{$image_src}" alt="{$tp/product/image/@alt}" width="80" height="80" border="0" style="display:block;width:80px;height:80px;border:0;"/></a>
							</xsl:when>
							<xsl:otherwise>
								<!-- No name to say what it shows: decoration, not a link. -->
								<img src="{$image_src}" alt="{$tp/product/image/@alt}" width="80" height="80" border="0" style="display:block;width:80px;height:80px;border:0;">
									<xsl:if test="string($tp/product/image/@alt) = ''">
										<xsl:attribute name="role">presentation</xsl:attribute>
									</xsl:if>
								</img>
							</xsl:otherwise>
						</xsl:choose>
					</td>
					</xsl:if>
					<td valign="middle" style="font-size:18px;line-height:24px;font-weight:bold;">
						<xsl:choose>
							<xsl:when test="string($product_href) != ''">
								<a href="{$product_href}" style="color:#1f2328;text-decoration:none;"><xsl:value-of select="$tp/product/name"/></a>
							</xsl:when>
							<xsl:otherwise>
								<xsl:value-of select="$tp/product/name"/>
							</xsl:otherwise>
						</xsl:choose>
					</td>
				</tr>
			</table>
		</td>
	</tr>
	</xsl:if>

	<xsl:if test="$tp/networks/network">
	<tr>
		<td style="padding:16px 24px 4px 24px;font-size:16px;line-height:24px;font-weight:bold;"><xsl:value-of select="$tp/networks/msg"/></td>
	</tr>
	<tr>
		<td style="padding:0 20px 24px 20px;">
			<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;border-collapse:collapse;">
				<xsl:for-each select="$tp/networks/network[position() mod 3 = 1]">
				<tr>
					<xsl:apply-templates select=". | following-sibling::network[position() &lt; 3]"/>
					<xsl:if test="not(following-sibling::network[2])">
						<xsl:call-template name="pad">
							<xsl:with-param name="n" select="2 - count(following-sibling::network)"/>
						</xsl:call-template>
					</xsl:if>
				</tr>
				</xsl:for-each>
			</table>
		</td>
	</tr>
	</xsl:if>

</table>
</xsl:template>

<!-- n empty cells, so a short last row keeps its thirds. -->
<xsl:template name="pad">
	<xsl:param name="n"/>
	<xsl:if test="$n &gt; 0">
		<td width="33%" style="width:33%;padding:4px;"></td>
		<xsl:call-template name="pad">
			<xsl:with-param name="n" select="$n - 1"/>
		</xsl:call-template>
	</xsl:if>
</xsl:template>

</xsl:stylesheet>
