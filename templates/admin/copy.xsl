<?xml version="1.0" encoding="UTF-8"?>
<!--
  copy.xsl - a brand's words in one language: the brand's text (or the
  shared default it falls back to) per message key, each with its form.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="layout.xsl"/>
  <xsl:output method="html" indent="no" encoding="UTF-8"/>

  <xsl:template match="page" mode="title">Copy of <xsl:value-of select="@brand"/></xsl:template>

  <xsl:template match="page" mode="body">
    <h1>Copy</h1>
    <p class="muted">ICU MessageFormat: keep the <code>{placeholders}</code> of the default;
      plurals as <code>{n, plural, one {…} other {…}}</code>.</p>
    <nav class="langs">
      <xsl:for-each select="copy/lang">
        <a href="/admin/brands/{/page/@brand}/copy?lang={@name}">
          <xsl:if test="@current"><xsl:attribute name="class">on</xsl:attribute></xsl:if>
          <xsl:value-of select="@name"/></a>
      </xsl:for-each>
      <a class="export" href="/admin/brands/{/page/@brand}/copy.po?lang={copy/@lang}">Export .po</a>
    </nav>
    <xsl:if test="copy/@editable = '1'">
      <form method="post" enctype="multipart/form-data" class="inline import"
            action="/admin/brands/{/page/@brand}/copy.po">
        <xsl:call-template name="csrf"/>
        <input type="hidden" name="lang" value="{copy/@lang}"/>
        <label>Translated .po for <xsl:value-of select="copy/@lang"/>
          <input type="file" name="po" accept=".po,text/x-gettext-translation" required="required"/></label>
        <button type="submit">Import</button>
      </form>
    </xsl:if>
    <xsl:if test="copy/@notice">
      <p class="notice" role="status"><xsl:value-of select="copy/@notice"/></p>
    </xsl:if>
    <xsl:if test="copy/@error">
      <p class="alert" role="alert">
        <xsl:if test="copy/@error-key"><strong><xsl:value-of select="copy/@error-key"/></strong>: </xsl:if>
        <xsl:value-of select="copy/@error"/>. Nothing was saved.</p>
    </xsl:if>
    <section class="card preview">
      <h2>Preview</h2>
      <form method="get" action="/admin/brands/{/page/@brand}/copy" class="inline">
        <input type="hidden" name="lang" value="{copy/@lang}"/>
        <label>Stage
          <select name="stage">
            <xsl:call-template name="stage-option"><xsl:with-param name="s" select="'ordered'"/></xsl:call-template>
            <xsl:call-template name="stage-option"><xsl:with-param name="s" select="'shipped'"/></xsl:call-template>
            <xsl:call-template name="stage-option"><xsl:with-param name="s" select="'out_for_delivery'"/></xsl:call-template>
            <xsl:call-template name="stage-option"><xsl:with-param name="s" select="'delivered'"/></xsl:call-template>
          </select>
        </label>
        <label>First name <input type="text" name="first_name" maxlength="64" value="{copy/@first_name}"/></label>
        <label>Expected <input type="date" name="expected" value="{copy/@expected}"/></label>
        <button type="submit">Show</button>
      </form>
      <iframe class="fragment" sandbox="" title="The fragment the mailer gets"
              src="/admin/brands/{/page/@brand}/preview?{copy/@preview}"></iframe>
    </section>
    <section class="card">
      <xsl:choose>
        <xsl:when test="copy/msg">
          <table class="copy">
            <tbody>
              <xsl:apply-templates select="copy/msg"/>
            </tbody>
          </table>
        </xsl:when>
        <xsl:otherwise><p class="muted">No messages in this language.</p></xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <xsl:template name="stage-option">
    <xsl:param name="s"/>
    <option value="{$s}">
      <xsl:if test="/page/copy/@stage = $s or (not(/page/copy/@stage) and $s = 'shipped')">
        <xsl:attribute name="selected">selected</xsl:attribute>
      </xsl:if>
      <xsl:value-of select="translate($s, '_', ' ')"/>
    </option>
  </xsl:template>

  <xsl:template match="msg">
    <xsl:variable name="failed" select="/page/copy/@error-key = @key"/>
    <tr id="{@key}">
      <td class="key">
        <code><xsl:value-of select="@key"/></code>
        <xsl:choose>
          <xsl:when test="@text"><span class="pill own">own text</span></xsl:when>
          <xsl:otherwise><span class="pill">default</span></xsl:otherwise>
        </xsl:choose>
      </td>
      <td class="text">
        <xsl:choose>
          <xsl:when test="/page/copy/@editable = '1'">
            <form method="post" action="/admin/brands/{/page/@brand}/copy" class="edit">
              <xsl:call-template name="csrf"/>
              <input type="hidden" name="lang" value="{/page/copy/@lang}"/>
              <input type="hidden" name="key" value="{@key}"/>
              <input type="text" name="text" maxlength="4096" aria-label="{@key}">
                <xsl:attribute name="value">
                  <xsl:choose>
                    <xsl:when test="$failed"><xsl:value-of select="/page/copy/@error-text"/></xsl:when>
                    <xsl:when test="@text"><xsl:value-of select="@text"/></xsl:when>
                    <xsl:otherwise><xsl:value-of select="@default"/></xsl:otherwise>
                  </xsl:choose>
                </xsl:attribute>
                <xsl:if test="$failed"><xsl:attribute name="class">invalid</xsl:attribute></xsl:if>
              </input>
              <button type="submit">Save</button>
            </form>
          </xsl:when>
          <xsl:otherwise>
            <xsl:choose>
              <xsl:when test="@text"><xsl:value-of select="@text"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="@default"/></xsl:otherwise>
            </xsl:choose>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:if test="@text">
          <span class="default">Default: <xsl:value-of select="@default"/></span>
        </xsl:if>
      </td>
    </tr>
  </xsl:template>
</xsl:stylesheet>
