<?xml version="1.0" encoding="UTF-8"?>
<!-- message.xsl - an error page: the status and one line why. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="layout.xsl"/>
  <xsl:output method="html" indent="no" encoding="UTF-8"/>

  <xsl:template match="page" mode="title"><xsl:value-of select="message/@reason"/></xsl:template>

  <xsl:template match="page" mode="body">
    <section class="card narrow">
      <p class="code"><xsl:value-of select="message/@status"/></p>
      <h1><xsl:value-of select="message/@reason"/></h1>
      <p><xsl:value-of select="message/@why"/></p>
      <p><a href="/admin/brands">Back to your brands</a></p>
    </section>
  </xsl:template>
</xsl:stylesheet>
