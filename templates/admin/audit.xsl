<?xml version="1.0" encoding="UTF-8"?>
<!-- audit.xsl - every change in the brand: who, when, what, old → new. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="layout.xsl"/>
  <xsl:output method="html" indent="no" encoding="UTF-8"/>

  <xsl:template match="page" mode="title">Audit log of <xsl:value-of select="@brand"/></xsl:template>

  <xsl:template match="page" mode="body">
    <h1>Audit log</h1>
    <section class="card">
      <xsl:choose>
        <xsl:when test="audit/change">
          <table class="log">
            <thead><tr><th>When</th><th>Who</th><th>What</th><th>Old</th><th>New</th></tr></thead>
            <tbody>
              <xsl:for-each select="audit/change">
                <tr>
                  <td class="nowrap"><xsl:value-of select="@at"/></td>
                  <td><xsl:value-of select="@user"/></td>
                  <td><xsl:value-of select="@what"/></td>
                  <td class="old"><xsl:value-of select="@old"/></td>
                  <td class="new"><xsl:value-of select="@new"/></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </xsl:when>
        <xsl:otherwise><p class="muted">No changes yet.</p></xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>
</xsl:stylesheet>
