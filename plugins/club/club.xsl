<?xml version="1.0" encoding="UTF-8"?>
<!--
  club.xsl - the "club" block: an invite to the nearest running clubs
  (distance, next event, a link each), or, with none nearby, to the
  brand's online community.

  Reads the data tree documented at the top of club.c.  Words come only
  from the tree; every URL goes through ppx:url(), and an <a> is written
  only when it gives something back.  Under a stock xsltproc (no ppx:url)
  the preview keeps plain https URLs as they are.

  Email-safe: tables with role="presentation", inline styles, 600px at
  most, Arial/Helvetica, no images.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:ppx="urn:ppx:xslt"
    exclude-result-prefixes="ppx">

<xsl:output method="html" indent="no" encoding="UTF-8"/>

<!-- The checked, tracked form of a link's href, or '' when refused. -->
<xsl:template name="href">
	<xsl:param name="link"/>
	<xsl:param name="kind"/>
	<xsl:choose>
		<xsl:when test="function-available('ppx:url')">
			<xsl:value-of select="ppx:url($link/@href, $kind)"/>
		</xsl:when>
		<xsl:when test="starts-with($link/@href, 'https://')">
			<xsl:value-of select="$link/@href"/>
		</xsl:when>
	</xsl:choose>
</xsl:template>

<xsl:template match="/">
<xsl:variable name="tp" select="/touchpoint"/>
<table role="presentation" lang="{$tp/@lang}" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;border-collapse:collapse;background-color:#ffffff;font-family:Arial,Helvetica,sans-serif;color:#1f2328;">

	<xsl:if test="$tp/clubs">
	<tr>
		<td style="padding:24px 24px 4px 24px;font-size:22px;line-height:28px;font-weight:bold;color:#1f7a4d;"><xsl:value-of select="$tp/clubs/msg[@key='club.heading']"/></td>
	</tr>
	<xsl:if test="$tp/clubs/msg[@key='club.intro']">
	<tr>
		<td style="padding:4px 24px 8px 24px;font-size:15px;line-height:22px;"><xsl:value-of select="$tp/clubs/msg[@key='club.intro']"/></td>
	</tr>
	</xsl:if>
	<xsl:for-each select="$tp/clubs/club">
	<xsl:variable name="club_href">
		<xsl:call-template name="href">
			<xsl:with-param name="link" select="link"/>
			<xsl:with-param name="kind" select="'club'"/>
		</xsl:call-template>
	</xsl:variable>
	<xsl:variable name="event_href">
		<xsl:call-template name="href">
			<xsl:with-param name="link" select="event/link"/>
			<xsl:with-param name="kind" select="'event'"/>
		</xsl:call-template>
	</xsl:variable>
	<tr>
		<td style="padding:8px 24px;">
			<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;border-collapse:collapse;border-left:4px solid #1f7a4d;background-color:#f3faf6;">
				<tr>
					<td style="padding:12px 16px 2px 16px;font-size:17px;line-height:24px;font-weight:bold;">
						<xsl:choose>
							<xsl:when test="string($club_href) != ''">
								<a href="{$club_href}" style="color:#1f2328;text-decoration:none;"><xsl:value-of select="name"/></a>
							</xsl:when>
							<xsl:otherwise><xsl:value-of select="name"/></xsl:otherwise>
						</xsl:choose>
					</td>
				</tr>
				<tr>
					<td style="padding:0 16px 4px 16px;font-size:14px;line-height:20px;color:#6b7178;">
						<xsl:if test="city"><xsl:value-of select="city"/> · </xsl:if>
						<xsl:value-of select="distance/msg"/>
					</td>
				</tr>
				<xsl:if test="event">
				<tr>
					<td style="padding:0 16px 4px 16px;font-size:15px;line-height:22px;">
						<xsl:choose>
							<xsl:when test="string($event_href) != ''">
								<a href="{$event_href}" style="color:#1f7a4d;text-decoration:underline;"><xsl:value-of select="event/msg"/></a>
							</xsl:when>
							<xsl:otherwise><xsl:value-of select="event/msg"/></xsl:otherwise>
						</xsl:choose>
					</td>
				</tr>
				</xsl:if>
				<xsl:if test="string($club_href) != '' and msg[@key='club.visit']">
				<tr>
					<td style="padding:0 16px 12px 16px;font-size:15px;line-height:22px;">
						<a href="{$club_href}" style="color:#1f7a4d;font-weight:bold;text-decoration:underline;"><xsl:value-of select="msg[@key='club.visit']"/></a>
					</td>
				</tr>
				</xsl:if>
			</table>
		</td>
	</tr>
	</xsl:for-each>
	<tr>
		<td style="padding:0 0 16px 0;font-size:1px;line-height:1px;">&#160;</td>
	</tr>
	</xsl:if>

	<xsl:if test="$tp/community">
	<xsl:variable name="community_href">
		<xsl:call-template name="href">
			<xsl:with-param name="link" select="$tp/community/link"/>
			<xsl:with-param name="kind" select="'community'"/>
		</xsl:call-template>
	</xsl:variable>
	<tr>
		<td style="padding:24px 24px 4px 24px;font-size:22px;line-height:28px;font-weight:bold;color:#1f7a4d;"><xsl:value-of select="$tp/community/msg[@key='club.community_heading']"/></td>
	</tr>
	<xsl:if test="$tp/community/msg[@key='club.community_text']">
	<tr>
		<td style="padding:4px 24px 8px 24px;font-size:15px;line-height:22px;"><xsl:value-of select="$tp/community/msg[@key='club.community_text']"/></td>
	</tr>
	</xsl:if>
	<xsl:if test="string($community_href) != ''">
	<tr>
		<td style="padding:4px 24px 24px 24px;font-size:15px;line-height:22px;">
			<a href="{$community_href}" style="color:#1f7a4d;font-weight:bold;text-decoration:underline;"><xsl:value-of select="$tp/community/msg[@key='club.community_link']"/></a>
		</td>
	</tr>
	</xsl:if>
	</xsl:if>

</table>
</xsl:template>

</xsl:stylesheet>
