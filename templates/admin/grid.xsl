<?xml version="1.0" encoding="UTF-8"?>
<!--
  grid.xsl - a brand's stages and their touchpoints: on/off and order.
  Every change is a small POST form (no JavaScript needed).
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="layout.xsl"/>
  <xsl:output method="html" indent="no" encoding="UTF-8"/>

  <xsl:template match="page" mode="title">Touchpoints of <xsl:value-of select="@brand"/></xsl:template>

  <xsl:template match="page" mode="body">
    <h1>Touchpoints</h1>
    <p class="muted">What each e-mail of <strong><xsl:value-of select="@brand"/></strong>
      carries, top to bottom. Changes reach the mailer within a second.</p>
    <div class="stages">
      <xsl:apply-templates select="grid/stage"/>
    </div>
  </xsl:template>

  <xsl:template match="stage">
    <section class="card stage" id="{@name}">
      <h2><xsl:value-of select="translate(@name, '_', ' ')"/></h2>
      <xsl:choose>
        <xsl:when test="tp">
          <table class="tps">
            <tbody>
              <xsl:apply-templates select="tp"/>
            </tbody>
          </table>
        </xsl:when>
        <xsl:otherwise><p class="muted">No touchpoint serves this stage.</p></xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <xsl:template match="tp">
    <xsl:variable name="edit" select="/page/grid/@editable = '1'"/>
    <tr>
      <xsl:attribute name="class">
        <xsl:choose><xsl:when test="@on = '1'">tp on</xsl:when><xsl:otherwise>tp off</xsl:otherwise></xsl:choose>
      </xsl:attribute>
      <td class="pos"><xsl:value-of select="position()"/></td>
      <td class="name">
        <xsl:value-of select="@name"/>
        <xsl:if test="@starts or @ends or @cap">
          <span class="rules">
            <xsl:if test="@starts">from <xsl:value-of select="@starts"/><xsl:text> </xsl:text></xsl:if>
            <xsl:if test="@ends">until <xsl:value-of select="@ends"/><xsl:text> </xsl:text></xsl:if>
            <xsl:if test="@cap">· once per <xsl:value-of select="@cap"/> days per customer</xsl:if>
          </span>
        </xsl:if>
      </td>
      <td class="state">
        <xsl:choose>
          <xsl:when test="$edit">
            <form method="post" action="/admin/brands/{/page/@brand}/touchpoints">
              <xsl:call-template name="csrf"/>
              <input type="hidden" name="stage" value="{../@name}"/>
              <input type="hidden" name="tp" value="{@name}"/>
              <xsl:choose>
                <xsl:when test="@on = '1'">
                  <button class="switch is-on" name="action" value="off" type="submit"
                          title="Switch {@name} off in {../@name}">On</button>
                </xsl:when>
                <xsl:otherwise>
                  <button class="switch" name="action" value="on" type="submit"
                          title="Switch {@name} on in {../@name}">Off</button>
                </xsl:otherwise>
              </xsl:choose>
            </form>
          </xsl:when>
          <xsl:otherwise>
            <span class="pill"><xsl:choose><xsl:when test="@on = '1'">On</xsl:when><xsl:otherwise>Off</xsl:otherwise></xsl:choose></span>
          </xsl:otherwise>
        </xsl:choose>
      </td>
      <td class="move">
        <xsl:if test="$edit">
          <form method="post" action="/admin/brands/{/page/@brand}/touchpoints">
            <xsl:call-template name="csrf"/>
            <input type="hidden" name="stage" value="{../@name}"/>
            <input type="hidden" name="tp" value="{@name}"/>
            <button class="quiet" name="action" value="up" type="submit" title="Move up">
              <xsl:if test="@first = '1'"><xsl:attribute name="disabled">disabled</xsl:attribute></xsl:if>↑</button>
            <button class="quiet" name="action" value="down" type="submit" title="Move down">
              <xsl:if test="@last = '1'"><xsl:attribute name="disabled">disabled</xsl:attribute></xsl:if>↓</button>
          </form>
        </xsl:if>
      </td>
    </tr>
    <xsl:if test="$edit">
      <tr class="rules-row">
        <td></td>
        <td colspan="3">
          <details class="rules-form">
            <summary>Schedule and cap</summary>
            <form method="post" action="/admin/brands/{/page/@brand}/touchpoints" class="inline">
              <xsl:call-template name="csrf"/>
              <input type="hidden" name="stage" value="{../@name}"/>
              <input type="hidden" name="tp" value="{@name}"/>
              <label>From <input type="date" name="starts" value="{@starts}"/></label>
              <label>Until <input type="date" name="ends" value="{@ends}"/></label>
              <label>Once per (days) <input type="number" name="cap" min="1" max="366" value="{@cap}" class="days"/></label>
              <button type="submit" name="action" value="rules">Save</button>
            </form>
          </details>
        </td>
      </tr>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
