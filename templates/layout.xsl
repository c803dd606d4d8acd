<?xml version="1.0" encoding="UTF-8"?>
<!--
  layout.xsl - email-safe building blocks for touchpoint templates.

  Pull it in as the first child of a template's xsl:stylesheet:

    <xsl:import href="layout.xsl"/>

  and call the named templates below.  Everything here is table layout
  with inline styles only: no flex, no grid, no position, no classes,
  600 px wide at most.  URLs go through ppx:url() (https, http, mailto
  only; "" when refused), and a block whose URL is refused is left out.
  Outside ppxd (xsltproc previews) ppx:url() does not exist and URLs are
  written as given.

    ppx.outer   the outer table: role="presentation", 600 px max, lang
                params: body (the content), lang (default: /*/@lang)
    ppx.button  a bulletproof button: a table cell with bgcolor and an
                inline-styled link
                params: href, label, kind ('cta'), bg, fg (#rgb/#rrggbb)
    ppx.image   an image; width, height and alt are required (alt may be
                '' for a decorative image, but must be passed)
                params: src, width, height, alt, kind ('image')
    ppx.p       a paragraph of body text         params: text
    ppx.h       a heading (h2)                   params: text
    ppx.small   small print                      params: text

  text and label params take a string, a node-set of data (its string
  value) or a result tree fragment (links inside a paragraph); values stay
  escaped either way.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:ppx="urn:ppx:xslt"
    xmlns:exsl="http://exslt.org/common"
    exclude-result-prefixes="ppx exsl">

  <xsl:variable name="ppx.font">font-family:Arial,Helvetica,sans-serif;</xsl:variable>

  <!-- A URL through ppx:url(), or as given where that does not exist. -->
  <xsl:template name="ppx.url">
    <xsl:param name="href"/>
    <xsl:param name="kind" select="'link'"/>
    <xsl:choose>
      <xsl:when test="function-available('ppx:url')">
        <xsl:value-of select="ppx:url(string($href), string($kind))"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="$href"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!--
    A text param: a node-set from the data gives its string value (never
    the data elements themselves); a string or a fragment is copied.
  -->
  <xsl:template name="ppx.text">
    <xsl:param name="t"/>
    <xsl:choose>
      <xsl:when test="exsl:object-type($t) = 'node-set'">
        <xsl:value-of select="$t"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:copy-of select="$t"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- c if it is a #rgb or #rrggbb colour, else the fallback. -->
  <xsl:template name="ppx.color">
    <xsl:param name="c"/>
    <xsl:param name="fallback"/>
    <xsl:choose>
      <xsl:when test="starts-with($c, '#')
          and (string-length($c) = 4 or string-length($c) = 7)
          and translate(substring($c, 2), '0123456789abcdefABCDEF', '') = ''">
        <xsl:value-of select="$c"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="$fallback"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="ppx.outer">
    <xsl:param name="body"/>
    <xsl:param name="lang" select="/*/@lang"/>
    <table role="presentation" width="100%" cellpadding="0" cellspacing="0"
        border="0" style="width:100%;max-width:600px;border-collapse:collapse;">
      <xsl:if test="string-length($lang) &gt; 0">
        <xsl:attribute name="lang"><xsl:value-of select="$lang"/></xsl:attribute>
      </xsl:if>
      <tr>
        <td style="padding:0;{$ppx.font}">
          <xsl:copy-of select="$body"/>
        </td>
      </tr>
    </table>
  </xsl:template>

  <xsl:template name="ppx.button">
    <xsl:param name="href"/>
    <xsl:param name="label"/>
    <xsl:param name="kind" select="'cta'"/>
    <xsl:param name="bg" select="'#222222'"/>
    <xsl:param name="fg" select="'#ffffff'"/>
    <xsl:variable name="url">
      <xsl:call-template name="ppx.url">
        <xsl:with-param name="href" select="$href"/>
        <xsl:with-param name="kind" select="$kind"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="b">
      <xsl:call-template name="ppx.color">
        <xsl:with-param name="c" select="$bg"/>
        <xsl:with-param name="fallback" select="'#222222'"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="f">
      <xsl:call-template name="ppx.color">
        <xsl:with-param name="c" select="$fg"/>
        <xsl:with-param name="fallback" select="'#ffffff'"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:if test="string-length($url) &gt; 0">
      <table role="presentation" cellpadding="0" cellspacing="0" border="0"
          style="border-collapse:separate;margin:0 0 16px 0;">
        <tr>
          <td align="center" bgcolor="{$b}"
              style="background-color:{$b};border-radius:4px;">
            <a href="{$url}" target="_blank"
                style="display:inline-block;padding:12px 24px;{$ppx.font}font-size:16px;line-height:20px;color:{$f};text-decoration:none;border-radius:4px;"><xsl:call-template name="ppx.text"><xsl:with-param name="t" select="$label"/></xsl:call-template></a>
          </td>
        </tr>
      </table>
    </xsl:if>
  </xsl:template>

  <xsl:template name="ppx.image">
    <xsl:param name="src"/>
    <xsl:param name="width"/>
    <xsl:param name="height"/>
    <xsl:param name="alt" select="'#ppx-unset'"/>
    <xsl:param name="kind" select="'image'"/>
    <xsl:if test="not(number($width) &gt; 0) or not(number($height) &gt; 0)
        or number($width) &gt; 600 or string($alt) = '#ppx-unset'">
      <xsl:message terminate="yes">ppx.image: width (1-600), height and alt are required</xsl:message>
    </xsl:if>
    <xsl:variable name="url">
      <xsl:call-template name="ppx.url">
        <xsl:with-param name="href" select="$src"/>
        <xsl:with-param name="kind" select="$kind"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:if test="string-length($url) &gt; 0">
      <img src="{$url}" width="{number($width)}" height="{number($height)}"
          alt="{$alt}" border="0"
          style="display:block;border:0;outline:none;text-decoration:none;max-width:100%;"/>
    </xsl:if>
  </xsl:template>

  <xsl:template name="ppx.p">
    <xsl:param name="text"/>
    <p style="margin:0 0 16px 0;{$ppx.font}font-size:16px;line-height:24px;color:#222222;"><xsl:call-template name="ppx.text"><xsl:with-param name="t" select="$text"/></xsl:call-template></p>
  </xsl:template>

  <xsl:template name="ppx.h">
    <xsl:param name="text"/>
    <h2 style="margin:0 0 12px 0;{$ppx.font}font-size:22px;line-height:28px;font-weight:bold;color:#111111;"><xsl:call-template name="ppx.text"><xsl:with-param name="t" select="$text"/></xsl:call-template></h2>
  </xsl:template>

  <xsl:template name="ppx.small">
    <xsl:param name="text"/>
    <p style="margin:0 0 12px 0;{$ppx.font}font-size:12px;line-height:18px;color:#666666;"><xsl:call-template name="ppx.text"><xsl:with-param name="t" select="$text"/></xsl:call-template></p>
  </xsl:template>

</xsl:stylesheet>
