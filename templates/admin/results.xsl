<?xml version="1.0" encoding="UTF-8"?>
<!--
  results.xsl - clicks per week (SVG bars, then the table per touchpoint
  and link kind) and recycling codes; the same numbers as results.csv.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="layout.xsl"/>
  <xsl:output method="html" indent="no" encoding="UTF-8"/>

  <xsl:template match="page" mode="title">Results of <xsl:value-of select="@brand"/></xsl:template>

  <xsl:template match="page" mode="body">
    <h1>Results</h1>
    <p class="muted">The last twelve weeks. <a href="/admin/brands/{@brand}/results.csv">Download CSV</a></p>
    <section class="card">
      <h2>Clicks per week</h2>
      <xsl:variable name="max" select="results/clicks/@max"/>
      <xsl:choose>
        <xsl:when test="results/clicks/week">
          <svg class="chart" viewBox="0 0 {count(results/clicks/week) * 60 + 20} 200" role="img"
               aria-label="Clicks per week">
            <xsl:for-each select="results/clicks/week">
              <xsl:variable name="h" select="floor(@total * 150 div $max)"/>
              <rect x="{(position() - 1) * 60 + 20}" y="{170 - $h}" width="40" height="{$h}" rx="4" fill="#3b5bdb"/>
              <text x="{(position() - 1) * 60 + 40}" y="{165 - $h}" text-anchor="middle" font-size="12" fill="#1c2430"><xsl:value-of select="@total"/></text>
              <text x="{(position() - 1) * 60 + 40}" y="190" text-anchor="middle" font-size="11" fill="#667085"><xsl:value-of select="substring(@name, 6)"/></text>
            </xsl:for-each>
          </svg>
          <table class="log">
            <thead><tr><th>Week</th><th>Touchpoint</th><th>Link</th><th>Clicks</th></tr></thead>
            <tbody>
              <xsl:for-each select="results/clicks/week/row">
                <tr><td><xsl:value-of select="../@name"/></td><td><xsl:value-of select="@touchpoint"/></td>
                  <td><xsl:value-of select="@kind"/></td><td><xsl:value-of select="@n"/></td></tr>
              </xsl:for-each>
            </tbody>
          </table>
        </xsl:when>
        <xsl:otherwise><p class="muted">No clicks yet.</p></xsl:otherwise>
      </xsl:choose>
    </section>
    <section class="card codes">
      <h2>Recycling codes</h2>
      <dl class="figures">
        <div><dt>Issued</dt><dd><xsl:value-of select="results/codes/@issued"/></dd></div>
        <div><dt>Claimed</dt><dd><xsl:value-of select="results/codes/@claimed"/></dd></div>
        <div><dt>Received</dt><dd><xsl:value-of select="results/codes/@received"/></dd></div>
      </dl>
    </section>
  </xsl:template>
</xsl:stylesheet>
