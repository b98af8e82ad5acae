/*
 * docx.c — a report document as an Office Open XML word-processing file (.docx) through libzip;
 * the only file that includes zip.h. The XML parts are written as text with struct buf (the
 * model's text is already clean, see doc.c; here it is only escaped).
 *
 * Layout: A4, 20 mm margins, Arial (present in every Office; LibreOffice substitutes a metric
 * twin), the document's language in the default run properties and the core properties, a
 * footer "Page N of M" made of PAGE/NUMPAGES fields. Tables use a bordered table style with a
 * shaded header row marked w:tblHeader so Word and LibreOffice repeat it on each page. A chart
 * becomes a PNG picture drawn by pdf.c (alt text: the chart's description) followed by its
 * numbers as a table, so the figures stay readable, editable and accessible.
 */
#include "report/render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#define TEXT_TWIPS 9638 /* A4 width 11906 - 2 x 1134 margins */
#define EMU_PER_TWIP 635
#define CHART_PX_W 1200
#define CHART_PX_H 700

static const char content_types[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" "
    "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Default Extension=\"png\" ContentType=\"image/png\"/>"
    "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "<Override PartName=\"/word/styles.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
    "<Override PartName=\"/word/numbering.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml\"/>"
    "<Override PartName=\"/word/footer1.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>"
    "<Override PartName=\"/docProps/core.xml\" "
    "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
    "</Types>";

static const char package_rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/officeDocument\" Target=\"word/document.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/"
    "relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
    "</Relationships>";

#define W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
#define R_NS "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
#define XML_HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

static const char numbering[] =
    XML_HEAD "<w:numbering " W_NS ">"
             "<w:abstractNum w:abstractNumId=\"0\"><w:multiLevelType w:val=\"singleLevel\"/>"
             "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/>"
             "<w:lvlText w:val=\"•\"/><w:lvlJc w:val=\"left\"/>"
             "<w:pPr><w:ind w:left=\"360\" w:hanging=\"360\"/></w:pPr></w:lvl></w:abstractNum>"
             "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>";

/* Styles; %s is the language tag. */
static const char styles_fmt[] = XML_HEAD
    "<w:styles " W_NS "><w:docDefaults><w:rPrDefault><w:rPr>"
    "<w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\" w:cs=\"Arial\" w:eastAsia=\"Arial\"/>"
    "<w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/><w:lang w:val=\"%s\"/></w:rPr></w:rPrDefault>"
    "<w:pPrDefault><w:pPr><w:spacing w:after=\"120\" w:line=\"264\" w:lineRule=\"auto\"/>"
    "</w:pPr></w:pPrDefault></w:docDefaults>"
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>"
    "<w:qFormat/></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr>"
    "<w:spacing w:after=\"120\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"44\"/>"
    "<w:szCs w:val=\"44\"/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Subtitle\"><w:name w:val=\"Subtitle\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:rPr>"
    "<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/><w:color w:val=\"444444\"/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/>"
    "<w:spacing w:before=\"360\" w:after=\"120\"/><w:outlineLvl w:val=\"0\"/></w:pPr><w:rPr>"
    "<w:b/><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/>"
    "<w:spacing w:before=\"240\" w:after=\"100\"/><w:outlineLvl w:val=\"1\"/></w:pPr><w:rPr>"
    "<w:b/><w:sz w:val=\"26\"/><w:szCs w:val=\"26\"/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading3\"><w:name w:val=\"heading 3\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/>"
    "<w:spacing w:before=\"200\" w:after=\"80\"/><w:outlineLvl w:val=\"2\"/></w:pPr><w:rPr>"
    "<w:b/><w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Caption\"><w:name w:val=\"caption\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:after=\"60\"/>"
    "</w:pPr><w:rPr><w:b/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"ListBullet\"><w:name w:val=\"List Bullet\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr>"
    "<w:spacing w:after=\"40\"/></w:pPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Footer\"><w:name w:val=\"footer\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:pPr><w:jc w:val=\"right\"/></w:pPr><w:rPr>"
    "<w:sz w:val=\"16\"/><w:color w:val=\"555555\"/></w:rPr></w:style>"
    "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\">"
    "<w:name w:val=\"Normal Table\"/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/>"
    "<w:tblCellMar><w:left w:w=\"108\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/>"
    "</w:tblCellMar></w:tblPr></w:style>"
    "<w:style w:type=\"table\" w:styleId=\"SuiviTable\"><w:name w:val=\"Suivi Table\"/>"
    "<w:basedOn w:val=\"TableNormal\"/><w:pPr><w:spacing w:after=\"0\"/></w:pPr>"
    "<w:rPr><w:sz w:val=\"17\"/><w:szCs w:val=\"17\"/></w:rPr><w:tblPr><w:tblBorders>"
    "<w:top w:val=\"single\" w:sz=\"4\" w:color=\"8A8A8A\"/>"
    "<w:left w:val=\"single\" w:sz=\"4\" w:color=\"8A8A8A\"/>"
    "<w:bottom w:val=\"single\" w:sz=\"4\" w:color=\"8A8A8A\"/>"
    "<w:right w:val=\"single\" w:sz=\"4\" w:color=\"8A8A8A\"/>"
    "<w:insideH w:val=\"single\" w:sz=\"4\" w:color=\"8A8A8A\"/>"
    "<w:insideV w:val=\"single\" w:sz=\"4\" w:color=\"8A8A8A\"/></w:tblBorders>"
    "<w:tblCellMar><w:top w:w=\"40\" w:type=\"dxa\"/><w:left w:w=\"80\" w:type=\"dxa\"/>"
    "<w:bottom w:w=\"40\" w:type=\"dxa\"/><w:right w:w=\"80\" w:type=\"dxa\"/></w:tblCellMar>"
    "</w:tblPr><w:tblStylePr w:type=\"firstRow\"><w:rPr><w:b/></w:rPr><w:tcPr>"
    "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"E8EEF4\"/></w:tcPr></w:tblStylePr>"
    "</w:style></w:styles>";

struct docx {
    const struct doc *d;
    zip_t *zip;
    struct buf body;
    struct buf rels; /* word/_rels/document.xml.rels, pictures added as they come */
    int pictures;
};

/* Escaped text as one or more w:t, line breaks as w:br. */
static void put_text(struct buf *out, const char *s)
{
    buf_puts(out, "<w:t xml:space=\"preserve\">");
    for (const char *nl; (nl = strchr(s, '\n')); s = nl + 1) {
        struct buf line = BUF_INIT;
        buf_append(&line, s, (size_t)(nl - s));
        report_xml_escape(out, buf_str(&line));
        buf_free(&line);
        buf_puts(out, "</w:t><w:br/><w:t xml:space=\"preserve\">");
    }
    report_xml_escape(out, s);
    buf_puts(out, "</w:t>");
}

static void put_run(struct buf *out, const char *text, unsigned flags)
{
    buf_puts(out, "<w:r>");
    if (flags)
        buf_printf(out, "<w:rPr>%s%s</w:rPr>", flags & DOC_BOLD ? "<w:b/>" : "",
                   flags & DOC_ITALIC ? "<w:i/>" : "");
    put_text(out, text);
    buf_puts(out, "</w:r>");
}

/* A paragraph of style (NULL: Normal) holding text or runs. */
static void put_para(struct buf *out, const char *style, const char *text,
                     const struct doc_para *runs)
{
    buf_puts(out, "<w:p>");
    if (style)
        buf_printf(out, "<w:pPr><w:pStyle w:val=\"%s\"/></w:pPr>", style);
    if (text)
        put_run(out, text, 0);
    for (size_t i = 0; runs && i < runs->nruns; i++)
        put_run(out, runs->runs[i].text, runs->runs[i].flags);
    buf_puts(out, "</w:p>");
}

static void put_cell(struct buf *out, const char *text, int twips, int bold)
{
    buf_printf(out, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/>", twips);
    if (bold)
        buf_puts(out, "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"E8EEF4\"/>");
    buf_puts(out, "</w:tcPr><w:p>");
    put_run(out, text, bold ? DOC_BOLD : 0);
    buf_puts(out, "</w:p></w:tc>");
}

/* A table from a header and rows of texts; weights NULL means equal columns. */
static void put_grid(struct buf *out, const char *caption, size_t ncols, char *const *header,
                     char *const *cells, size_t nrows, const double *weights, int repeat)
{
    int twips[64];
    for (size_t c = 0; c < ncols; c++)
        twips[c] = (int)(TEXT_TWIPS * (weights ? weights[c] : 1.0 / (double)ncols));
    if (caption)
        put_para(out, "Caption", caption, NULL);
    buf_puts(out, "<w:tbl><w:tblPr><w:tblStyle w:val=\"SuiviTable\"/>"
                  "<w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblLayout w:type=\"fixed\"/>"
                  "<w:tblLook w:val=\"0020\" w:firstRow=\"1\" w:lastRow=\"0\" "
                  "w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/>"
                  "</w:tblPr><w:tblGrid>");
    for (size_t c = 0; c < ncols; c++)
        buf_printf(out, "<w:gridCol w:w=\"%d\"/>", twips[c]);
    buf_printf(out, "</w:tblGrid><w:tr><w:trPr><w:cantSplit/>%s</w:trPr>",
               repeat ? "<w:tblHeader/>" : "");
    for (size_t c = 0; c < ncols; c++)
        put_cell(out, header[c], twips[c], 1);
    buf_puts(out, "</w:tr>");
    for (size_t r = 0; r < nrows; r++) {
        buf_puts(out, "<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        for (size_t c = 0; c < ncols; c++)
            put_cell(out, cells[r * ncols + c], twips[c], 0);
        buf_puts(out, "</w:tr>");
    }
    /* an empty paragraph keeps the next table or block from joining this one */
    buf_puts(out, "</w:tbl><w:p/>");
}

static int zip_put(struct docx *x, const char *name, const void *data, size_t len, int owned,
                   struct err *err)
{
    zip_source_t *src = zip_source_buffer(x->zip, data, len, owned);
    if (!src) {
        if (owned)
            free((void *)data);
        return err_set(err, ERR_NOMEM, "report: %s: %s", name, zip_strerror(x->zip));
    }
    if (zip_file_add(x->zip, name, src, ZIP_FL_ENC_UTF_8) < 0) {
        zip_source_free(src);
        return err_set(err, ERR_IO, "report: %s: %s", name, zip_strerror(x->zip));
    }
    return 0;
}

/* Hands the buffer's bytes to the archive. */
static int zip_put_buf(struct docx *x, const char *name, struct buf *b, struct err *err)
{
    if (b->oom)
        return err_set(err, ERR_NOMEM, "report: out of memory writing %s", name);
    size_t len = b->len;
    char *data = buf_detach(b);
    return zip_put(x, name, data ? data : "", data ? len : 0, data != NULL, err);
}

static int put_picture(struct docx *x, const struct doc_chart *c, struct err *err)
{
    struct buf png = BUF_INIT;
    int rc = report_chart_png(c, CHART_PX_W, CHART_PX_H, &png, err);
    int n = ++x->pictures;
    char name[48];
    snprintf(name, sizeof name, "word/media/chart%d.png", n);
    if (!rc)
        rc = zip_put_buf(x, name, &png, err);
    buf_free(&png);
    if (rc)
        return rc;
    buf_printf(&x->rels,
               "<Relationship Id=\"rIdChart%d\" Type=\"http://schemas.openxmlformats.org/"
               "officeDocument/2006/relationships/image\" Target=\"media/chart%d.png\"/>",
               n, n);
    long cx = (long)TEXT_TWIPS * EMU_PER_TWIP, cy = cx * CHART_PX_H / CHART_PX_W;
    struct buf *out = &x->body;
    buf_printf(out,
               "<w:p><w:pPr><w:keepNext/></w:pPr><w:r><w:drawing><wp:inline distT=\"0\" "
               "distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"%ld\" cy=\"%ld\"/>"
               "<wp:docPr id=\"%d\" name=\"Chart %d\" descr=\"",
               cx, cy, n, n);
    report_xml_escape(out, c->desc ? c->desc : c->title);
    buf_printf(out,
               "\"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/>"
               "</wp:cNvGraphicFramePr><a:graphic><a:graphicData uri=\"http://schemas."
               "openxmlformats.org/drawingml/2006/picture\"><pic:pic><pic:nvPicPr>"
               "<pic:cNvPr id=\"%d\" name=\"chart%d.png\"/><pic:cNvPicPr/></pic:nvPicPr>"
               "<pic:blipFill><a:blip r:embed=\"rIdChart%d\"/><a:stretch><a:fillRect/>"
               "</a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/>"
               "<a:ext cx=\"%ld\" cy=\"%ld\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/>"
               "</a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline>"
               "</w:drawing></w:r></w:p>",
               n, n, n, cx, cy);
    return 0;
}

/* The chart's numbers as a table: a category column, then one column per series. */
static int put_chart_data(struct docx *x, const struct doc_chart *c)
{
    size_t ncols = c->nseries + 1;
    char **header = calloc(ncols, sizeof *header);
    char **cells = calloc(ncols * c->ncat, sizeof *cells);
    char *numbers = malloc(c->nseries * c->ncat * 32);
    int rc = header && cells && numbers ? 0 : ERR_NOMEM;
    for (size_t s = 0; !rc && s <= c->nseries; s++)
        header[s] = s ? c->series[s - 1] : (char *)doc_word(x->d, DOC_WORD_CATEGORY);
    for (size_t k = 0; !rc && k < c->ncat; k++) {
        cells[k * ncols] = c->categories[k];
        for (size_t s = 0; s < c->nseries; s++) {
            char *num = numbers + (s * c->ncat + k) * 32;
            report_chart_number(c, c->values[s * c->ncat + k], num, 32);
            cells[k * ncols + s + 1] = num;
        }
    }
    if (!rc) {
        struct buf caption = BUF_INIT;
        buf_printf(&caption, "%s: %s", doc_word(x->d, DOC_WORD_DATA), c->title);
        put_grid(&x->body, buf_str(&caption), ncols, header, cells, c->ncat, NULL, 1);
        buf_free(&caption);
    }
    free(header);
    free(cells);
    free(numbers);
    return rc;
}

static int put_block(struct docx *x, const struct doc_block *b, struct err *err)
{
    static const char *const heading_styles[] = {"Heading1", "Heading1", "Heading2", "Heading3"};
    struct buf *out = &x->body;
    const struct doc_table *t = b->table;
    switch (b->kind) {
    case DOC_HEADING:
        put_para(out, heading_styles[b->level], NULL, &b->para);
        break;
    case DOC_PARA:
        put_para(out, NULL, NULL, &b->para);
        break;
    case DOC_LIST:
        for (size_t i = 0; i < b->nitems; i++)
            put_para(out, "ListBullet", NULL, &b->items[i]);
        break;
    case DOC_TABLE:
        put_grid(out, t->caption, t->ncols, t->header, t->cells, t->nrows, t->widths,
                 (t->flags & DOC_TABLE_REPEAT_HEADER) != 0);
        break;
    case DOC_PAGE_BREAK:
        buf_puts(out, "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>");
        break;
    case DOC_CHART: {
        int rc = put_picture(x, b->chart, err);
        if (!rc && (rc = put_chart_data(x, b->chart)))
            err_set(err, rc, "report: out of memory writing a chart's data");
        return rc;
    }
    }
    return 0;
}

/* The footer: "Page N of M" in the document's language, N and M as fields. */
static void put_footer(struct buf *out, const struct doc *d)
{
    static const char *const fields[] = {"PAGE", "NUMPAGES"};
    buf_printf(out, XML_HEAD "<w:ftr %s><w:p><w:pPr><w:pStyle w:val=\"Footer\"/></w:pPr>", W_NS);
    const char *fmt = doc_word(d, DOC_WORD_PAGE_OF);
    int field = 0;
    for (const char *p = fmt; *p;) {
        const char *pct = strstr(p, "%d");
        size_t n = pct ? (size_t)(pct - p) : strlen(p);
        if (n) {
            struct buf part = BUF_INIT;
            buf_append(&part, p, n);
            put_run(out, buf_str(&part), 0);
            buf_free(&part);
        }
        if (!pct)
            break;
        buf_printf(out,
                   "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText "
                   "xml:space=\"preserve\"> %s </w:instrText></w:r><w:r><w:fldChar "
                   "w:fldCharType=\"separate\"/></w:r><w:r><w:t>1</w:t></w:r><w:r>"
                   "<w:fldChar w:fldCharType=\"end\"/></w:r>",
                   fields[field++ % 2]);
        p = pct + 2;
    }
    buf_puts(out, "</w:p></w:ftr>");
}

static void put_core(struct buf *out, const struct doc *d)
{
    buf_puts(out, XML_HEAD "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/"
                           "package/2006/metadata/core-properties\" "
                           "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>");
    report_xml_escape(out, d->title);
    buf_puts(out, "</dc:title>");
    if (d->subtitle) {
        buf_puts(out, "<dc:subject>");
        report_xml_escape(out, d->subtitle);
        buf_puts(out, "</dc:subject>");
    }
    if (d->author) {
        buf_puts(out, "<dc:creator>");
        report_xml_escape(out, d->author);
        buf_puts(out, "</dc:creator>");
    }
    buf_printf(out, "<dc:language>%s</dc:language></cp:coreProperties>", doc_lang_tag(d));
}

static int put_document(struct docx *x, struct err *err)
{
    const struct doc *d = x->d;
    struct buf *out = &x->body;
    buf_puts(out, XML_HEAD "<w:document " W_NS " " R_NS
                           " xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/"
                           "wordprocessingDrawing\" xmlns:a=\"http://schemas.openxmlformats.org/"
                           "drawingml/2006/main\" xmlns:pic=\"http://schemas.openxmlformats.org/"
                           "drawingml/2006/picture\"><w:body>");
    put_para(out, "Title", d->title, NULL);
    if (d->subtitle)
        put_para(out, "Subtitle", d->subtitle, NULL);
    if (d->author || d->date) {
        struct buf meta = BUF_INIT;
        buf_puts(&meta, d->author ? d->author : "");
        buf_puts(&meta, d->author && d->date ? " · " : "");
        buf_puts(&meta, d->date ? d->date : "");
        put_para(out, NULL, buf_str(&meta), NULL);
        buf_free(&meta);
    }
    for (size_t i = 0; i < d->nblocks; i++) {
        int rc = put_block(x, &d->blocks[i], err);
        if (rc)
            return rc;
    }
    buf_puts(out, "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/>"
                  "<w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1134\" "
                  "w:right=\"1134\" w:bottom=\"1134\" w:left=\"1134\" w:header=\"567\" "
                  "w:footer=\"567\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>");
    return 0;
}

/* Every part of the package into x->zip (not yet written). */
static int put_parts(struct docx *x, struct err *err)
{
    struct buf part = BUF_INIT;
    int rc = zip_put(x, "[Content_Types].xml", content_types, sizeof content_types - 1, 0, err);
    if (!rc)
        rc = zip_put(x, "_rels/.rels", package_rels, sizeof package_rels - 1, 0, err);
    put_core(&part, x->d);
    if (!rc)
        rc = zip_put_buf(x, "docProps/core.xml", &part, err);
    buf_printf(&x->rels,
               XML_HEAD "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                        "relationships\"><Relationship Id=\"rIdStyles\" Type=\"http://schemas."
                        "openxmlformats.org/officeDocument/2006/relationships/styles\" "
                        "Target=\"styles.xml\"/><Relationship Id=\"rIdNumbering\" Type=\"http://"
                        "schemas.openxmlformats.org/officeDocument/2006/relationships/numbering\" "
                        "Target=\"numbering.xml\"/><Relationship Id=\"rIdFooter\" Type=\"http://"
                        "schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" "
                        "Target=\"footer1.xml\"/>");
    if (!rc)
        rc = put_document(x, err);
    if (!rc)
        rc = zip_put_buf(x, "word/document.xml", &x->body, err);
    buf_reset(&part);
    buf_printf(&part, styles_fmt, doc_lang_tag(x->d));
    if (!rc)
        rc = zip_put_buf(x, "word/styles.xml", &part, err);
    if (!rc)
        rc = zip_put(x, "word/numbering.xml", numbering, sizeof numbering - 1, 0, err);
    buf_reset(&part);
    put_footer(&part, x->d);
    if (!rc)
        rc = zip_put_buf(x, "word/footer1.xml", &part, err);
    buf_puts(&x->rels, "</Relationships>");
    if (!rc)
        rc = zip_put_buf(x, "word/_rels/document.xml.rels", &x->rels, err);
    buf_free(&part);
    return rc;
}

int report_render_docx(const struct doc *d, const char *path, struct err *err)
{
    int rc = doc_status(d, err);
    if (rc)
        return rc;
    struct docx x = {.d = d};
    int zerr = 0;
    x.zip = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
    if (!x.zip) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, zerr);
        rc = err_set(err, ERR_IO, "report: %s: %s", path, zip_error_strerror(&ze));
        zip_error_fini(&ze);
        goto out;
    }
    if ((rc = put_parts(&x, err))) {
        err_prefix(err, "%s", path);
        zip_discard(x.zip);
        goto out;
    }
    if (zip_close(x.zip) != 0) { /* writes the archive to a temporary file, then renames it */
        rc = err_set(err, ERR_IO, "report: %s: %s", path, zip_strerror(x.zip));
        zip_discard(x.zip);
    }
out:
    buf_free(&x.body);
    buf_free(&x.rels);
    return rc;
}
