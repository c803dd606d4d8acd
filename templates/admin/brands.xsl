<?xml version="1.0" encoding="UTF-8"?>
<!-- brands.xsl - the brands the user has a role in. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="layout.xsl"/>
  <xsl:output method="html" indent="no" encoding="UTF-8"/>

  <xsl:template match="page" mode="title">Brands</xsl:template>

  <xsl:template match="page" mode="body">
    <h1>Brands</h1>
    <xsl:choose>
      <xsl:when test="brands/brand">
        <ul class="tiles">
          <xsl:for-each select="brands/brand">
            <li>
              <a class="tile" href="/admin/brands/{@name}">
                <strong><xsl:value-of select="@name"/></strong>
                <span class="role"><xsl:value-of select="@role"/></span>
              </a>
            </li>
          </xsl:for-each>
        </ul>
      </xsl:when>
      <xsl:otherwise>
        <p class="muted">You have no role in any brand yet. Ask an admin: <code>ppx user add</code>.</p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
