/* cg-export-pdf.c: the report appendix as PDF, laid out with Pango and drawn with cairo
 *
 * The pages are planned first (so that every footer can say "Page 3 of 9"),
 * then drawn. The chronology's header row repeats on every page; a cluster's
 * records move to the next page together when they fit on one; a record
 * longer than a page continues on the next one, cut between lines.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cg-export"

#include "config.h"

#include <string.h>

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "cg-errors.h"
#include "cg-export-pages.h"
#include "cg-export-private.h"

#define MARGIN_X      CG_EXPORT_MARGIN
#define TOP           46.0
#define BOTTOM(p)     ((p)->page_h - 44.0)
#define CONTENT_W(p)  ((p)->page_w - 2 * MARGIN_X)
#define PAD_X         3.5
#define PAD_Y         2.6

#define FONT_FAMILY   "Liberation Sans, Arial, DejaVu Sans, sans-serif"

typedef struct { double r, g, b; } Colour;

static const Colour navy = { 0x1f / 255.0, 0x38 / 255.0, 0x64 / 255.0 };
static const Colour header_fill = { 0xd9 / 255.0, 0xe2 / 255.0, 0xf3 / 255.0 };
static const Colour cluster_fill = { 0xee / 255.0, 0xf3 / 255.0, 0xf8 / 255.0 };
static const Colour retro_fill = { 0xff / 255.0, 0xf2 / 255.0, 0xcc / 255.0 };
static const Colour border = { 0xa6 / 255.0, 0xa6 / 255.0, 0xa6 / 255.0 };
static const Colour grey = { 0x59 / 255.0, 0x59 / 255.0, 0x59 / 255.0 };
static const Colour draft_red = { 0xc0 / 255.0, 0x00, 0x00 };
static const Colour black = { 0, 0, 0 };

/* One row of a table, laid out. */
typedef struct
{
  guint         n;
  PangoLayout **cells;
  double       *heights;      /* of each cell's text */
  GArray      **line_ends;    /* double: where each line of a cell ends */
  const Colour **fills;       /* per cell, or NULL */
  gboolean      thick_top;
  guint         group;        /* rows of one cluster share it; 0 none */
  gboolean      group_last;
  char         *continued;    /* markup shown where a long row goes on: "12/03/2021 (continued)" */
  PangoLayout  *continued_layout;
} PdfRow;

typedef struct
{
  guint       n;
  double     *widths;
  PdfRow     *header;         /* repeated on every page, or NULL */
  GPtrArray  *rows;           /* PdfRow */
} PdfTable;

typedef enum
{
  ITEM_TEXT,
  ITEM_ROW,
  ITEM_GENOGRAM,
} ItemKind;

/* Something drawn on a page. */
typedef struct
{
  ItemKind     kind;
  double       x, y;
  PangoLayout *layout;        /* ITEM_TEXT */
  Colour       colour;
  PdfTable    *table;         /* ITEM_ROW */
  PdfRow      *row;
  double      *from;          /* per cell: the part of its text shown */
  double      *to;
  double       height;
  gboolean     continued;     /* a later part of a row cut between pages */
  double       scale;         /* ITEM_GENOGRAM */
} Item;

/* The pages, as planned by the functions below and drawn by
 * cg_export_pages_draw (). */
struct _CgExportPages
{
  CgExportModel *model;       /* borrowed */
  PangoContext  *context;
  GPtrArray     *pages;       /* GPtrArray of Item */
  GPtrArray     *tables;      /* PdfTable, owned */
  double         page_w;
  double         page_h;
  double         y;
  GString       *drawn;
};

typedef CgExportPages Plan;

/* ------------------------------------------------------------- layouts */

static PangoLayout *
new_layout (Plan       *plan,
            const char *markup,
            double      size,
            double      width)
{
  PangoLayout *layout = pango_layout_new (plan->context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (FONT_FAMILY);

  pango_font_description_set_size (font, (int)(size * PANGO_SCALE));
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int)(width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_markup (layout, markup, -1);
  return layout;
}

static char *
escape (const char *text)
{
  return g_markup_escape_text (text ? text : "", -1);
}

static char *
cell_markup (const CgExportCell *cell,
             gboolean            lead_inline,
             gboolean            bold_all)
{
  GString *out = g_string_new (bold_all ? "<b>" : "");
  g_autofree char *lead = cell->lead ? escape (cell->lead) : NULL;
  g_autofree char *text = cell->text ? escape (cell->text) : NULL;

  if (lead && text && *text)
    g_string_append_printf (out, lead_inline ? "<b>%s:</b> %s" : "<b>%s</b>\n%s", lead, text);
  else if (lead)
    g_string_append_printf (out, "<b>%s</b>", lead);
  else if (text)
    g_string_append (out, text);
  if (bold_all)
    g_string_append (out, "</b>");
  return g_string_free (out, FALSE);
}

static void
pdf_row_free (PdfRow *row)
{
  for (guint i = 0; i < row->n; i++)
    {
      g_clear_object (&row->cells[i]);
      g_clear_pointer (&row->line_ends[i], g_array_unref);
    }
  g_clear_object (&row->continued_layout);
  g_free (row->continued);
  g_free (row->cells);
  g_free (row->heights);
  g_free (row->line_ends);
  g_free (row->fills);
  g_free (row);
}

static void
pdf_table_free (PdfTable *table)
{
  g_clear_pointer (&table->header, pdf_row_free);
  g_ptr_array_unref (table->rows);
  g_free (table->widths);
  g_free (table);
}

static PdfTable *
pdf_table_new (Plan         *plan,
               const double *weights,
               guint         n)
{
  PdfTable *table = g_new0 (PdfTable, 1);
  double total = 0;

  table->n = n;
  table->widths = g_new0 (double, n);
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify)pdf_row_free);
  for (guint i = 0; i < n; i++)
    total += weights[i];
  for (guint i = 0; i < n; i++)
    table->widths[i] = CONTENT_W (plan) * weights[i] / total;
  g_ptr_array_add (plan->tables, table);
  return table;
}

/* Lays out one row; @cells are n markup strings. */
static PdfRow *
pdf_row_new (Plan       *plan,
             PdfTable   *table,
             char      **markup,
             double      size)
{
  PdfRow *row = g_new0 (PdfRow, 1);

  row->n = table->n;
  row->cells = g_new0 (PangoLayout *, row->n);
  row->heights = g_new0 (double, row->n);
  row->line_ends = g_new0 (GArray *, row->n);
  row->fills = g_new0 (const Colour *, row->n);
  for (guint i = 0; i < row->n; i++)
    {
      PangoLayoutIter *iter;
      int height = 0;

      row->cells[i] = new_layout (plan, markup[i], size, table->widths[i] - 2 * PAD_X);
      pango_layout_get_size (row->cells[i], NULL, &height);
      row->heights[i] = (double)height / PANGO_SCALE;
      row->line_ends[i] = g_array_new (FALSE, FALSE, sizeof (double));
      iter = pango_layout_get_iter (row->cells[i]);
      do
        {
          PangoRectangle logical;
          double end;

          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          end = (double)(logical.y + logical.height) / PANGO_SCALE;
          g_array_append_val (row->line_ends[i], end);
        }
      while (pango_layout_iter_next_line (iter));
      pango_layout_iter_free (iter);
      if (plan->drawn != NULL)
        {
          g_string_append (plan->drawn, pango_layout_get_text (row->cells[i]));
          g_string_append_c (plan->drawn, '\n');
        }
    }
  return row;
}

static double
row_height (PdfRow *row)
{
  double height = 0;

  for (guint i = 0; i < row->n; i++)
    height = MAX (height, row->heights[i]);
  return height + 2 * PAD_Y;
}

/* -------------------------------------------------------------- planning */

static GPtrArray *
current_page (Plan *plan)
{
  return g_ptr_array_index (plan->pages, plan->pages->len - 1);
}

static void
new_page (Plan *plan)
{
  g_ptr_array_add (plan->pages, g_ptr_array_new_with_free_func (g_free));
  plan->y = TOP;
}

static Item *
add_item (Plan     *plan,
          ItemKind  kind)
{
  Item *item = g_new0 (Item, 1);

  item->kind = kind;
  g_ptr_array_add (current_page (plan), item);
  return item;
}

static void
place_text (Plan         *plan,
            const char   *markup,
            double        size,
            const Colour *colour,
            double        space_after)
{
  PangoLayout *layout;
  Item *item;
  int height = 0;

  if (markup == NULL)
    return;
  layout = new_layout (plan, markup, size, CONTENT_W (plan));
  pango_layout_get_size (layout, NULL, &height);
  if (plan->y + (double)height / PANGO_SCALE > BOTTOM (plan) && plan->y > TOP)
    new_page (plan);
  item = add_item (plan, ITEM_TEXT);
  item->x = MARGIN_X;
  item->y = plan->y;
  item->layout = layout;
  item->colour = *colour;
  plan->y += (double)height / PANGO_SCALE + space_after;
  if (plan->drawn != NULL)
    {
      g_string_append (plan->drawn, pango_layout_get_text (layout));
      g_string_append_c (plan->drawn, '\n');
    }
  /* The page owns the item; the plan's layouts are freed with the pages. */
}

static Item *
place_row_part (Plan     *plan,
                PdfTable *table,
                PdfRow   *row,
                double   *from,
                double   *to)
{
  Item *item = add_item (plan, ITEM_ROW);
  double height = 0;

  item->x = MARGIN_X;
  item->y = plan->y;
  item->table = table;
  item->row = row;
  item->from = g_memdup2 (from, sizeof (double) * row->n);
  item->to = g_memdup2 (to, sizeof (double) * row->n);
  for (guint i = 0; i < row->n; i++)
    height = MAX (height, to[i] - from[i]);
  item->height = height + 2 * PAD_Y;
  plan->y += item->height;
  return item;
}

static void
place_whole_row (Plan     *plan,
                 PdfTable *table,
                 PdfRow   *row)
{
  g_autofree double *from = g_new0 (double, row->n);
  g_autofree double *to = g_memdup2 (row->heights, sizeof (double) * row->n);

  place_row_part (plan, table, row, from, to);
}

static void
table_page (Plan     *plan,
            PdfTable *table)
{
  new_page (plan);
  if (table->header)
    place_whole_row (plan, table, table->header);
}

/* The end of the last line of @ends that ends by @limit (at least one line
 * when @force). */
static double
cut_at (GArray  *ends,
        double   from,
        double   limit,
        gboolean force)
{
  double cut = from;

  for (guint i = 0; i < ends->len; i++)
    {
      double end = g_array_index (ends, double, i);

      if (end <= from + 0.01)
        continue;
      if (end <= limit + 0.01 || (force && cut == from))
        cut = end;
      else
        break;
    }
  return cut;
}

/* A record longer than the space left: as many lines as fit, then the rest
 * on the following pages. */
static void
place_split_row (Plan     *plan,
                 PdfTable *table,
                 PdfRow   *row)
{
  g_autofree double *from = g_new0 (double, row->n);
  g_autofree double *to = g_new0 (double, row->n);
  double header_h = table->header ? row_height (table->header) : 0;
  Item *item;

  for (;;)
    {
      double space = BOTTOM (plan) - plan->y - 2 * PAD_Y;
      gboolean fresh = plan->y <= TOP + header_h + 0.5;
      gboolean later = FALSE;
      gboolean done = TRUE;
      gboolean any = FALSE;

      for (guint i = 0; i < row->n; i++)
        {
          to[i] = cut_at (row->line_ends[i], from[i], from[i] + space, FALSE);
          any |= to[i] > from[i];
        }
      if (!any)
        {
          if (!fresh)
            {
              table_page (plan, table);
              continue;
            }
          /* A line taller than a page: show it anyway. */
          for (guint i = 0; i < row->n; i++)
            to[i] = cut_at (row->line_ends[i], from[i], from[i] + space, TRUE);
        }
      for (guint i = 0; i < row->n; i++)
        if (to[i] < row->heights[i] - 0.01)
          done = FALSE;
      item = place_row_part (plan, table, row, from, to);
      /* A later part whose first cell is already done says which record it
       * belongs to. */
      for (guint i = 0; i < row->n; i++)
        later |= from[i] > 0.01;
      if (later && to[0] - from[0] < 0.01 && row->continued != NULL)
        {
          if (row->continued_layout == NULL)
            row->continued_layout = new_layout (plan, row->continued, 7.5,
                                                table->widths[0] - 2 * PAD_X);
          item->continued = TRUE;
        }
      if (done)
        break;
      memcpy (from, to, sizeof (double) * row->n);
      table_page (plan, table);
    }
}

static void
place_table (Plan     *plan,
             PdfTable *table,
             gboolean  keep_groups)
{
  double header_h = table->header ? row_height (table->header) : 0;
  double fresh_space = BOTTOM (plan) - TOP - header_h;

  /* The header and at least a first row, or a fresh page. */
  if (table->rows->len > 0)
    {
      PdfRow *first = g_ptr_array_index (table->rows, 0);

      if (plan->y + header_h + MIN (row_height (first), 40) > BOTTOM (plan))
        new_page (plan);
    }
  if (table->header)
    place_whole_row (plan, table, table->header);

  for (guint i = 0; i < table->rows->len; i++)
    {
      PdfRow *row = g_ptr_array_index (table->rows, i);
      double height = row_height (row);

      if (keep_groups && row->group != 0)
        {
          guint j = i;
          double group_h = 0;

          while (j < table->rows->len
                 && ((PdfRow *)g_ptr_array_index (table->rows, j))->group == row->group)
            group_h += row_height (g_ptr_array_index (table->rows, j++));
          if (plan->y + group_h > BOTTOM (plan) && group_h <= fresh_space)
            {
              table_page (plan, table);
              for (; i < j; i++)
                place_whole_row (plan, table, g_ptr_array_index (table->rows, i));
              i--;
              continue;
            }
        }

      if (plan->y + height <= BOTTOM (plan))
        place_whole_row (plan, table, row);
      else if (height <= fresh_space)
        {
          table_page (plan, table);
          place_whole_row (plan, table, row);
        }
      else
        place_split_row (plan, table, row);
    }
}

/* ------------------------------------------------------------- the tables */

static char *
markup_of (const char *format,
           const char *text)
{
  g_autofree char *escaped = escape (text);

  return g_strdup_printf (format, escaped);
}


static PdfTable *
details_table (Plan *plan)
{
  CgExportModel *model = plan->model;
  const double weights[2] = { 17, 83 };
  PdfTable *table = pdf_table_new (plan, weights, 2);

  for (guint i = 0; i < model->details->len; i++)
    {
      CgExportDetail *detail = g_ptr_array_index (model->details, i);
      char *markup[2];
      PdfRow *row;

      markup[0] = markup_of ("<b>%s</b>", detail->label);
      markup[1] = escape (detail->value);
      row = pdf_row_new (plan, table, markup, 9);
      row->fills[0] = &header_fill;
      g_ptr_array_add (table->rows, row);
      g_free (markup[0]);
      g_free (markup[1]);
    }
  return table;
}

static PdfTable *
key_table (Plan *plan)
{
  CgExportModel *model = plan->model;
  const double weights[4] = { 9, 28, 12, 51 };
  PdfTable *table = pdf_table_new (plan, weights, 4);
  const char * const titles[4] = { _("Code"), _("Agency"), _("Records shown"), _("Files") };
  char *markup[4];

  for (guint k = 0; k < 4; k++)
    {
      g_autofree char *title = escape (titles[k]);
      markup[k] = g_strdup_printf ("<b>%s</b>", title);
    }
  table->header = pdf_row_new (plan, table, markup, 9);
  for (guint k = 0; k < 4; k++)
    {
      table->header->fills[k] = &header_fill;
      g_free (markup[k]);
    }

  for (guint i = 0; i < model->agencies->len; i++)
    {
      CgExportAgency *agency = g_ptr_array_index (model->agencies, i);
      g_autofree char *name = cg_export_model_text (model, agency->name);
      g_autofree char *code = escape (agency->code);

      markup[0] = g_strdup_printf ("<b>%s</b>", code);
      markup[1] = escape (name);
      markup[2] = g_strdup_printf ("%u", agency->n_records);
      markup[3] = escape (agency->files);
      g_ptr_array_add (table->rows, pdf_row_new (plan, table, markup, 9));
      for (guint k = 0; k < 4; k++)
        g_free (markup[k]);
    }
  return table;
}

static PdfTable *
chronology_table (Plan *plan)
{
  CgExportModel *model = plan->model;
  guint n = model->columns->len;
  g_autofree double *weights = g_new0 (double, n);
  g_autofree char **markup = g_new0 (char *, n);
  PdfTable *table;

  for (guint k = 0; k < n; k++)
    weights[k] = _cg_export_column_weight (g_array_index (model->columns, CgExportColumn, k));
  table = pdf_table_new (plan, weights, n);

  for (guint k = 0; k < n; k++)
    {
      g_autofree char *title = escape (model->column_titles[g_array_index (model->columns,
                                                                           CgExportColumn, k)]);
      markup[k] = g_strdup_printf ("<b>%s</b>", title);
    }
  table->header = pdf_row_new (plan, table, markup, 8.5);
  for (guint k = 0; k < n; k++)
    {
      table->header->fills[k] = &header_fill;
      g_clear_pointer (&markup[k], g_free);
    }

  for (guint i = 0; i < model->display->len; i++)
    {
      CgExportRow *export_row = g_ptr_array_index (model->display, i);
      PdfRow *row;

      for (guint k = 0; k < n; k++)
        {
          CgExportColumn column = g_array_index (model->columns, CgExportColumn, k);
          markup[k] = cell_markup (&export_row->cells[column], _cg_export_lead_inline (column),
                                   FALSE);
        }
      row = pdf_row_new (plan, table, markup, 8.5);
      if (n > 1)
        {
          CgExportColumn column = g_array_index (model->columns, CgExportColumn, 0);
          g_autofree char *first = _cg_export_cell_plain (&export_row->cells[column]);
          g_autofree char *said = g_strdup_printf (_("%s (continued)"), first);
          row->continued = markup_of ("<i>%s</i>", said);
        }
      row->group = export_row->group;
      row->group_last = export_row->group_last;
      row->thick_top = export_row->group_first;
      for (guint k = 0; k < n; k++)
        {
          CgExportColumn column = g_array_index (model->columns, CgExportColumn, k);

          if (column == CG_EXPORT_COLUMN_RECORDING && export_row->retrospective)
            row->fills[k] = &retro_fill;
          else if (export_row->group)
            row->fills[k] = &cluster_fill;
          g_clear_pointer (&markup[k], g_free);
        }
      g_ptr_array_add (table->rows, row);
    }
  return table;
}

static void
plan_pages (Plan *plan)
{
  CgExportModel *model = plan->model;
  g_autofree char *title = markup_of ("<b>%s</b>", model->title);
  g_autofree char *subtitle = markup_of ("%s", model->subtitle);
  g_autofree char *key = markup_of ("<b>%s</b>", _("Agency key"));
  g_autofree char *chronology = markup_of ("<b>%s</b>", model->subtitle);
  g_autofree char *note = markup_of ("<i>%s</i>",
                                     _("Records of one occurrence made by several agencies are "
                                       "kept together and shaded, with a heavier line above the "
                                       "first. Retrospective records are marked in the Recording "
                                       "column."));

  new_page (plan);
  place_text (plan, title, 22, &navy, 4);
  place_text (plan, subtitle, 14, &grey, 10);
  if (model->draft)
    {
      g_autofree char *draft = markup_of ("<b>%s</b>", _("DRAFT"));
      place_text (plan, draft, 15, &draft_red, 10);
    }
  place_table (plan, details_table (plan), FALSE);
  plan->y += 16;
  place_text (plan, key, 14, &navy, 6);
  place_table (plan, key_table (plan), FALSE);

  new_page (plan);
  place_text (plan, chronology, 14, &navy, 4);
  place_text (plan, note, 8.5, &grey, 6);
  place_table (plan, chronology_table (plan), TRUE);

  if (model->genogram != NULL)
    {
      g_autofree char *heading = markup_of ("<b>%s</b>", model->genogram_heading);
      g_autofree char *caption = markup_of ("<i>%s</i>",
                                            model->options.anonymise
                                            ? _("People are shown by their role in the review. "
                                                "The key explains the symbols.")
                                            : _("The key explains the symbols."));
      double width = 0, height = 0, space;
      Item *item;

      new_page (plan);
      place_text (plan, heading, 14, &navy, 8);
      cg_genogram_get_size (model->genogram, &width, &height);
      space = BOTTOM (plan) - plan->y - 24;
      item = add_item (plan, ITEM_GENOGRAM);
      item->scale = MIN (MIN (CONTENT_W (plan) / MAX (width, 1), space / MAX (height, 1)), 1.5);
      item->x = MARGIN_X + (CONTENT_W (plan) - width * item->scale) / 2;
      item->y = plan->y;
      plan->y += height * item->scale + 8;
      place_text (plan, caption, 8.5, &grey, 0);
    }
}

/* --------------------------------------------------------------- drawing */

static void
set_colour (cairo_t      *cr,
            const Colour *colour)
{
  cairo_set_source_rgb (cr, colour->r, colour->g, colour->b);
}

static void
draw_row (cairo_t *cr,
          Item    *item)
{
  PdfTable *table = item->table;
  PdfRow *row = item->row;
  double x = item->x;

  for (guint i = 0; i < row->n; i++)
    {
      double w = table->widths[i];

      if (row->fills[i] != NULL)
        {
          set_colour (cr, row->fills[i]);
          cairo_rectangle (cr, x, item->y, w, item->height);
          cairo_fill (cr);
        }

      if (item->to[i] - item->from[i] > 0.01)
        {
          gboolean whole = item->from[i] < 0.01 && item->to[i] >= row->heights[i] - 0.01;

          cairo_save (cr);
          /* A part of a cut row shows its own lines only. */
          if (!whole)
            {
              cairo_rectangle (cr, x, item->y + PAD_Y, w, item->to[i] - item->from[i]);
              cairo_clip (cr);
            }
          set_colour (cr, &black);
          cairo_move_to (cr, x + PAD_X, item->y + PAD_Y - item->from[i]);
          pango_cairo_show_layout (cr, row->cells[i]);
          cairo_restore (cr);
        }

      if (i == 0 && item->continued && row->continued_layout != NULL)
        {
          set_colour (cr, &grey);
          cairo_move_to (cr, x + PAD_X, item->y + PAD_Y);
          pango_cairo_show_layout (cr, row->continued_layout);
        }

      set_colour (cr, &border);
      cairo_set_line_width (cr, 0.5);
      cairo_rectangle (cr, x, item->y, w, item->height);
      cairo_stroke (cr);
      x += w;
    }
  if (row->thick_top && item->from[0] == 0)
    {
      set_colour (cr, &navy);
      cairo_set_line_width (cr, 1.5);
      cairo_move_to (cr, item->x, item->y);
      cairo_line_to (cr, x, item->y);
      cairo_stroke (cr);
    }
}

static void
draw_furniture (Plan    *plan,
                cairo_t *cr,
                guint    page,
                guint    n_pages)
{
  CgExportModel *model = plan->model;
  g_autofree char *running = g_strdup_printf ("%s — %s", model->title, model->subtitle);
  g_autofree char *escaped = escape (running);
  g_autofree char *draft = escape (_("DRAFT"));
  g_autofree char *header = model->draft
                            ? g_strdup_printf ("%s  <span foreground=\"#c00000\"><b>%s</b></span>",
                                               escaped, draft)
                            : g_strdup (escaped);
  g_autofree char *page_text = g_strdup_printf (_("Page %u of %u"), page, n_pages);
  g_autoptr(PangoLayout) top = new_layout (plan, header, 7.5, CONTENT_W (plan));
  g_autoptr(PangoLayout) number = new_layout (plan, page_text, 7.5, CONTENT_W (plan));

  pango_layout_set_alignment (top, PANGO_ALIGN_RIGHT);
  pango_layout_set_alignment (number, PANGO_ALIGN_RIGHT);
  set_colour (cr, &grey);
  cairo_move_to (cr, MARGIN_X, 24);
  pango_cairo_show_layout (cr, top);
  cairo_move_to (cr, MARGIN_X, plan->page_h - 30);
  pango_cairo_show_layout (cr, number);
  if (!model->options.anonymise)
    {
      g_autofree char *warning = escape (_("Contains personal data: not for publication"));
      g_autoptr(PangoLayout) left = new_layout (plan, warning, 7.5, CONTENT_W (plan));

      cairo_move_to (cr, MARGIN_X, plan->page_h - 30);
      pango_cairo_show_layout (cr, left);
    }
  if (plan->drawn != NULL && page == 1)
    {
      g_string_append (plan->drawn, pango_layout_get_text (top));
      g_string_append_c (plan->drawn, '\n');
    }
}

static void
free_page (GPtrArray *page)
{
  for (guint i = 0; i < page->len; i++)
    {
      Item *item = g_ptr_array_index (page, i);

      g_clear_object (&item->layout);
      g_free (item->from);
      g_free (item->to);
    }
  g_ptr_array_unref (page);
}

/* ------------------------------------------------------------- the pages */

static CgExportPages *
pages_new (CgExportModel  *model,
           double          page_width_pt,
           double          page_height_pt,
           GString        *drawn,
           GError        **error)
{
  CgExportPages *pages;
  cairo_font_options_t *options;

  /* Room for the running title, the footer and a table of a few columns. */
  if (!(page_width_pt - 2 * MARGIN_X >= 200 && page_height_pt - 44.0 - TOP >= 200))
    {
      g_set_error (error, CG_ERROR, CG_ERROR_INVALID,
                   _("a page of %.0f × %.0f points is too small for the chronology"),
                   page_width_pt, page_height_pt);
      return NULL;
    }

  pages = g_new0 (CgExportPages, 1);
  pages->model = model;
  pages->page_w = page_width_pt;
  pages->page_h = page_height_pt;
  pages->drawn = drawn;
  /* Metrics are not hinted, so that the layout is the same on any surface. */
  pages->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  pango_cairo_context_set_resolution (pages->context, 72);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (pages->context, options);
  cairo_font_options_destroy (options);
  pages->pages = g_ptr_array_new_with_free_func ((GDestroyNotify)free_page);
  pages->tables = g_ptr_array_new_with_free_func ((GDestroyNotify)pdf_table_free);

  plan_pages (pages);
  return pages;
}

CgExportPages *
cg_export_pages_new (CgExportModel  *model,
                     double          page_width_pt,
                     double          page_height_pt,
                     GError        **error)
{
  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return pages_new (model, page_width_pt, page_height_pt, NULL, error);
}

guint
cg_export_pages_get_n_pages (CgExportPages *pages)
{
  g_return_val_if_fail (pages != NULL, 0);

  return pages->pages->len;
}

void
cg_export_pages_draw (CgExportPages *pages,
                      cairo_t       *cr,
                      guint          page)
{
  GPtrArray *items;

  g_return_if_fail (pages != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page < pages->pages->len);

  items = g_ptr_array_index (pages->pages, page);
  draw_furniture (pages, cr, page + 1, pages->pages->len);
  for (guint i = 0; i < items->len; i++)
    {
      Item *item = g_ptr_array_index (items, i);

      switch (item->kind)
        {
        case ITEM_TEXT:
          set_colour (cr, &item->colour);
          cairo_move_to (cr, item->x, item->y);
          pango_cairo_show_layout (cr, item->layout);
          break;
        case ITEM_ROW:
          draw_row (cr, item);
          break;
        case ITEM_GENOGRAM:
          cairo_save (cr);
          cairo_translate (cr, item->x, item->y);
          cg_genogram_draw (pages->model->genogram, cr, item->scale);
          cairo_restore (cr);
          break;
        default:
          break;
        }
    }
}

void
cg_export_pages_free (CgExportPages *pages)
{
  if (pages == NULL)
    return;

  g_ptr_array_unref (pages->pages);
  g_ptr_array_unref (pages->tables);
  g_object_unref (pages->context);
  g_free (pages);
}

/* ------------------------------------------------------------------ PDF */

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
_cg_export_render_pdf (CgExportModel  *model,
                       GString        *drawn,
                       GError        **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autofree char *title = g_strdup_printf ("%s — %s", model->title, model->subtitle);
  g_autoptr(CgExportPages) pages = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  pages = pages_new (model, CG_EXPORT_PAGE_WIDTH, CG_EXPORT_PAGE_HEIGHT, drawn, error);
  if (pages == NULL)
    return NULL;

  surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, CG_EXPORT_PAGE_WIDTH,
                                                 CG_EXPORT_PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR,
                                  "Chronogram " PACKAGE_VERSION);
  cr = cairo_create (surface);
  for (guint p = 0; p < cg_export_pages_get_n_pages (pages); p++)
    {
      cg_export_pages_draw (pages, cr, p);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_FAILED, _("the PDF could not be made: %s"),
                   cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}
