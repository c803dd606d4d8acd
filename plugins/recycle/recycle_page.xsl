<?xml version="1.0" encoding="UTF-8"?>
<!--
  recycle_page.xsl - the claim page of a recycling code
  (/v1/recycle/CODE?…), a whole HTML document opened in a browser.

  Reads the <page> tree documented at the top of fcgi/recycle_page.c.
  Words come only from the tree.  One form, posting back to this very
  URL (no action: the signed query goes with it), and nothing in it but
  the button.  No JavaScript, no stylesheet: inline styles, readable from
  320px wide up.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

<xsl:output method="html" indent="no" encoding="UTF-8"/>

<xsl:template match="/">
<xsl:variable name="p" select="/page"/>
<xsl:variable name="title" select="$p/msg[@key='recycle.page.title' or @key='recycle.page.invalid_title']"/>
<html lang="{$p/@lang}">
<head>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<title><xsl:value-of select="$title"/></title>
</head>
<body style="margin:0;padding:0;background-color:#f4f6f5;font-family:Arial,Helvetica,sans-serif;color:#1f2328;">
<main style="max-width:560px;margin:0 auto;padding:32px 20px;">
	<h1 style="margin:0 0 16px 0;font-size:26px;line-height:32px;color:#2e7d4f;"><xsl:value-of select="$title"/></h1>
	<xsl:for-each select="$p/msg[@key='recycle.page.thanks' or @key='recycle.page.already' or @key='recycle.page.claimed' or @key='recycle.page.received' or @key='recycle.page.invalid' or @key='recycle.page.expired']">
	<p style="margin:0 0 16px 0;font-size:18px;line-height:26px;font-weight:bold;"><xsl:value-of select="."/></p>
	</xsl:for-each>
	<xsl:if test="$p/code">
	<p style="margin:0;font-size:14px;line-height:20px;color:#4b5259;"><xsl:value-of select="$p/msg[@key='recycle.page.code_label']"/></p>
	<p style="margin:4px 0 20px 0;padding:12px 16px;background-color:#ffffff;border-left:4px solid #2e7d4f;font-family:'Courier New',Courier,monospace;font-size:28px;line-height:34px;font-weight:bold;letter-spacing:2px;"><xsl:value-of select="$p/code"/></p>
	</xsl:if>
	<xsl:if test="$p/msg[@key='recycle.page.how']">
	<p style="margin:0 0 20px 0;font-size:16px;line-height:24px;"><xsl:value-of select="$p/msg[@key='recycle.page.how']"/></p>
	</xsl:if>
	<xsl:if test="$p/@view = 'issued' and $p/msg[@key='recycle.page.button']">
	<form method="post" style="margin:0 0 12px 0;">
		<button type="submit" name="claim" value="1" style="width:100%;padding:14px 20px;border:0;border-radius:6px;background-color:#2e7d4f;color:#ffffff;font-size:18px;line-height:24px;font-weight:bold;"><xsl:value-of select="$p/msg[@key='recycle.page.button']"/></button>
	</form>
	<p style="margin:0;font-size:14px;line-height:20px;color:#4b5259;"><xsl:value-of select="$p/msg[@key='recycle.page.privacy']"/></p>
	</xsl:if>
</main>
</body>
</html>
</xsl:template>

</xsl:stylesheet>
