/* cg-print.c
 *
 * Printing the integrated chronology through GtkPrintOperation. The core's
 * PDF writer draws onto its own surface only, so the pages are laid out
 * here the way it lays them out, with the print context's Pango context:
 * the title block and agency key first, then the chronology with its header
 * row repeated on every page, a cluster's records kept together, a record
 * longer than a page cut between lines, and "Page 3 of 9" at the foot.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cg-print"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cg-export-private.h"
#include "cg-print-private.h"
#include "cg-window-private.h"

#define FONT_FAMILY  "Liberation Sans, Arial, DejaVu Sans, sans-serif"
#define HEAD_H       20.0     /* the band of the running title */
#define FOOT_H       22.0     /* the band of the page number */
#define PAD_X        3.5
#define PAD_Y        2.6

typedef struct { double r, g, b; } Colour;

/* The PDF export's colours. */
static const Colour navy = { 0x1f / 255.0, 0x38 / 255.0, 0x64 / 255.0 };
static const Colour header_fill = { 0xd9 / 255.0, 0xe2 / 255.0, 0xf3 / 255.0 };
static const Colour cluster_fill = { 0xee / 255.0, 0xf3 / 255.0, 0xf8 / 255.0 };
static const Colour retro_fill = { 0xff / 255.0, 0xf2 / 255.0, 0xcc / 255.0 };
static const Colour border = { 0xa6 / 255.0, 0xa6 / 255.0, 0xa6 / 255.0 };
static const Colour grey = { 0x59 / 255.0, 0x59 / 255.0, 0x59 / 255.0 };
static const Colour draft_red = { 0xc0 / 255.0, 0, 0 };
static const Colour black = { 0, 0, 0 };

/* One row of a table, laid out. */
typedef struct
{
  guint          n;
  PangoLayout  **cells;
  double        *heights;      /* of each cell's text */
  GArray       **line_ends;    /* double: where each line of a cell ends */
  const Colour **fills;        /* per cell, or NULL */
  gboolean       thick_top;    /* the first record of a cluster */
  guint          group;        /* records of one cluster share it; 0: none */
  PangoLayout   *continued;    /* "12/03/2021 (continued)", or NULL */
} PrintRow;

typedef struct
{
  guint      n;
  double    *widths;
  PrintRow  *header;           /* repeated on every page, or NULL */
  GPtrArray *rows;             /* PrintRow */
} PrintTable;

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
  PangoLayout *layout;         /* ITEM_TEXT */
  Colour       colour;
  PrintTable  *table;          /* ITEM_ROW */
  PrintRow    *row;
  double      *from;           /* per cell: the part of its text shown */
  double      *to;
  double       height;
  gboolean     continued;      /* a later part of a row cut between pages */
  double       scale;          /* ITEM_GENOGRAM */
} Item;

struct _CgPrintOperation
{
  GtkPrintOperation  parent_instance;

  /* Owned references */
  CgExportModel     *model;
  GPtrArray         *pages;    /* GPtrArray of Item */
  GPtrArray         *tables;   /* PrintTable */

  /* Borrowed from begin-print to end-print */
  GtkPrintContext   *context;
  double             width;    /* the printable area, in points */
  double             height;
  double             y;        /* where the next thing goes */
};

G_DEFINE_FINAL_TYPE (CgPrintOperation, cg_print_operation, GTK_TYPE_PRINT_OPERATION)

/* ---------------------------------------------------------------- layouts */

static double
bottom (CgPrintOperation *self)
{
  return self->height - FOOT_H;
}

static PangoLayout *
new_layout (CgPrintOperation *self,
            const char       *markup,
            double            size,
            double            width)
{
  PangoLayout *layout = gtk_print_context_create_pango_layout (self->context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (FONT_FAMILY);

  pango_font_description_set_size (font, (int)(size * PANGO_SCALE));
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int)(MAX (width, 1) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_markup (layout, markup, -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int height = 0;

  pango_layout_get_size (layout, NULL, &height);
  return (double)height / PANGO_SCALE;
}

static char *
markup_printf (const char *format,
               const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text ? text : "", -1);

  return g_strdup_printf (format, escaped);
}

/* A cell as the PDF shows it: the lead in bold, inline or on its own line. */
static char *
cell_markup (const CgExportCell *cell,
             gboolean            lead_inline)
{
  g_autofree char *lead = cell->lead ? g_markup_escape_text (cell->lead, -1) : NULL;
  g_autofree char *text = cell->text ? g_markup_escape_text (cell->text, -1) : NULL;

  if (lead != NULL && text != NULL && *text != '\0')
    return g_strdup_printf (lead_inline ? "<b>%s:</b> %s" : "<b>%s</b>\n%s", lead, text);
  if (lead != NULL)
    return g_strdup_printf ("<b>%s</b>", lead);
  return g_strdup (text ? text : "");
}

/* --------------------------------------------------------------- tables */

static void
print_row_free (PrintRow *row)
{
  for (guint i = 0; i < row->n; i++)
    {
      g_clear_object (&row->cells[i]);
      g_clear_pointer (&row->line_ends[i], g_array_unref);
    }
  g_clear_object (&row->continued);
  g_free (row->cells);
  g_free (row->heights);
  g_free (row->line_ends);
  g_free (row->fills);
  g_free (row);
}

static void
print_table_free (PrintTable *table)
{
  g_clear_pointer (&table->header, print_row_free);
  g_ptr_array_unref (table->rows);
  g_free (table->widths);
  g_free (table);
}

static PrintTable *
table_new (CgPrintOperation *self,
           const double     *weights,
           guint             n)
{
  PrintTable *table = g_new0 (PrintTable, 1);
  double total = 0;

  table->n = n;
  table->widths = g_new0 (double, n);
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify)print_row_free);
  for (guint i = 0; i < n; i++)
    total += weights[i];
  for (guint i = 0; i < n; i++)
    table->widths[i] = self->width * weights[i] / MAX (total, 1);
  g_ptr_array_add (self->tables, table);
  return table;
}

/* Lays out one row; @markup holds the table's n cells. */
static PrintRow *
row_new (CgPrintOperation  *self,
         PrintTable        *table,
         char             **markup,
         double             size)
{
  PrintRow *row = g_new0 (PrintRow, 1);

  row->n = table->n;
  row->cells = g_new0 (PangoLayout *, row->n);
  row->heights = g_new0 (double, row->n);
  row->line_ends = g_new0 (GArray *, row->n);
  row->fills = g_new0 (const Colour *, row->n);
  for (guint i = 0; i < row->n; i++)
    {
      PangoLayoutIter *iter;

      row->cells[i] = new_layout (self, markup[i], size, table->widths[i] - 2 * PAD_X);
      row->heights[i] = layout_height (row->cells[i]);
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
    }
  return row;
}

static PrintRow *
header_row_new (CgPrintOperation   *self,
                PrintTable         *table,
                const char * const *titles,
                double              size)
{
  g_autofree char **markup = g_new0 (char *, table->n);
  PrintRow *row;

  for (guint i = 0; i < table->n; i++)
    markup[i] = markup_printf ("<b>%s</b>", titles[i]);
  row = row_new (self, table, markup, size);
  for (guint i = 0; i < table->n; i++)
    {
      row->fills[i] = &header_fill;
      g_free (markup[i]);
    }
  return row;
}

static double
row_height (PrintRow *row)
{
  double height = 0;

  for (guint i = 0; i < row->n; i++)
    height = MAX (height, row->heights[i]);
  return height + 2 * PAD_Y;
}

/* -------------------------------------------------------------- planning */

static void
item_free (Item *item)
{
  g_clear_object (&item->layout);
  g_free (item->from);
  g_free (item->to);
  g_free (item);
}

static void
new_page (CgPrintOperation *self)
{
  g_ptr_array_add (self->pages, g_ptr_array_new_with_free_func ((GDestroyNotify)item_free));
  self->y = HEAD_H;
}

static Item *
add_item (CgPrintOperation *self,
          ItemKind          kind)
{
  Item *item = g_new0 (Item, 1);

  item->kind = kind;
  g_ptr_array_add (g_ptr_array_index (self->pages, self->pages->len - 1), item);
  return item;
}

static void
place_text (CgPrintOperation *self,
            const char       *markup,
            double            size,
            const Colour     *colour,
            double            space_after)
{
  PangoLayout *layout = new_layout (self, markup, size, self->width);
  double height = layout_height (layout);
  Item *item;

  if (self->y + height > bottom (self) && self->y > HEAD_H)
    new_page (self);
  item = add_item (self, ITEM_TEXT);
  item->x = 0;
  item->y = self->y;
  item->layout = layout;
  item->colour = *colour;
  self->y += height + space_after;
}

static Item *
place_row_part (CgPrintOperation *self,
                PrintTable       *table,
                PrintRow         *row,
                const double     *from,
                const double     *to)
{
  Item *item = add_item (self, ITEM_ROW);
  double height = 0;

  item->y = self->y;
  item->table = table;
  item->row = row;
  item->from = g_memdup2 (from, sizeof (double) * row->n);
  item->to = g_memdup2 (to, sizeof (double) * row->n);
  for (guint i = 0; i < row->n; i++)
    height = MAX (height, to[i] - from[i]);
  item->height = height + 2 * PAD_Y;
  self->y += item->height;
  return item;
}

static void
place_whole_row (CgPrintOperation *self,
                 PrintTable       *table,
                 PrintRow         *row)
{
  g_autofree double *from = g_new0 (double, row->n);

  place_row_part (self, table, row, from, row->heights);
}

/* A new page, starting with the table's header row. */
static void
table_page (CgPrintOperation *self,
            PrintTable       *table)
{
  new_page (self);
  if (table->header != NULL)
    place_whole_row (self, table, table->header);
}

/* The end of the last line of @ends that ends by @limit; with @force, at
 * least one line. */
static double
cut_at (GArray   *ends,
        double    from,
        double    limit,
        gboolean  force)
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

/* A record longer than a page: the lines that fit, then the rest on the
 * following pages, under the header row again. */
static void
place_split_row (CgPrintOperation *self,
                 PrintTable       *table,
                 PrintRow         *row)
{
  g_autofree double *from = g_new0 (double, row->n);
  g_autofree double *to = g_new0 (double, row->n);
  double header_h = table->header ? row_height (table->header) : 0;

  for (;;)
    {
      double space = bottom (self) - self->y - 2 * PAD_Y;
      gboolean fresh = self->y <= HEAD_H + header_h + 0.5;
      gboolean any = FALSE, done = TRUE, later = FALSE;
      Item *item;

      for (guint i = 0; i < row->n; i++)
        {
          to[i] = cut_at (row->line_ends[i], from[i], from[i] + space, FALSE);
          any |= to[i] > from[i];
        }
      if (!any)
        {
          if (!fresh)
            {
              table_page (self, table);
              continue;
            }
          /* A line taller than a page: shown anyway. */
          for (guint i = 0; i < row->n; i++)
            to[i] = cut_at (row->line_ends[i], from[i], from[i] + space, TRUE);
        }
      for (guint i = 0; i < row->n; i++)
        {
          done &= to[i] >= row->heights[i] - 0.01;
          later |= from[i] > 0.01;
        }
      item = place_row_part (self, table, row, from, to);
      /* A later part whose first cell is done says whose record it is. */
      item->continued = later && to[0] - from[0] < 0.01 && row->continued != NULL;
      if (done)
        break;
      memcpy (from, to, sizeof (double) * row->n);
      table_page (self, table);
    }
}

static void
place_table (CgPrintOperation *self,
             PrintTable       *table,
             gboolean          keep_groups)
{
  double header_h = table->header ? row_height (table->header) : 0;
  double fresh_space = bottom (self) - HEAD_H - header_h;

  /* The header and at least the start of a first row, or a fresh page. */
  if (table->rows->len > 0)
    {
      PrintRow *first = g_ptr_array_index (table->rows, 0);

      if (self->y + header_h + MIN (row_height (first), 40) > bottom (self))
        new_page (self);
    }
  if (table->header != NULL)
    place_whole_row (self, table, table->header);

  for (guint i = 0; i < table->rows->len; i++)
    {
      PrintRow *row = g_ptr_array_index (table->rows, i);
      double height = row_height (row);

      /* A cluster moves to the next page whole when it fits on one. */
      if (keep_groups && row->group != 0 && row->thick_top)
        {
          double group_h = 0;

          for (guint j = i; j < table->rows->len; j++)
            {
              PrintRow *next = g_ptr_array_index (table->rows, j);

              if (next->group != row->group)
                break;
              group_h += row_height (next);
            }
          if (self->y + group_h > bottom (self) && group_h <= fresh_space)
            table_page (self, table);
        }

      if (self->y + height <= bottom (self))
        place_whole_row (self, table, row);
      else if (height <= fresh_space)
        {
          table_page (self, table);
          place_whole_row (self, table, row);
        }
      else
        place_split_row (self, table, row);
    }
}

/* --------------------------------------------------------- what is printed */

static PrintTable *
details_table (CgPrintOperation *self)
{
  CgExportModel *model = self->model;
  const double weights[2] = { 17, 83 };
  PrintTable *table = table_new (self, weights, 2);

  for (guint i = 0; i < model->details->len; i++)
    {
      CgExportDetail *detail = g_ptr_array_index (model->details, i);
      char *markup[2];
      PrintRow *row;

      markup[0] = markup_printf ("<b>%s</b>", detail->label);
      markup[1] = markup_printf ("%s", detail->value);
      row = row_new (self, table, markup, 9);
      row->fills[0] = &header_fill;
      g_ptr_array_add (table->rows, row);
      g_free (markup[0]);
      g_free (markup[1]);
    }
  return table;
}

static PrintTable *
key_table (CgPrintOperation *self)
{
  CgExportModel *model = self->model;
  const double weights[4] = { 9, 28, 12, 51 };
  const char * const titles[4] = { _("Code"), _("Agency"), _("Records shown"), _("Files") };
  PrintTable *table = table_new (self, weights, 4);

  table->header = header_row_new (self, table, titles, 9);
  for (guint i = 0; i < model->agencies->len; i++)
    {
      CgExportAgency *agency = g_ptr_array_index (model->agencies, i);
      g_autofree char *name = cg_export_model_text (model, agency->name);
      g_autofree char *count = g_strdup_printf ("%u", agency->n_records);
      char *markup[4];

      markup[0] = markup_printf ("<b>%s</b>", agency->code);
      markup[1] = markup_printf ("%s", name);
      markup[2] = markup_printf ("%s", count);
      markup[3] = markup_printf ("%s", agency->files);
      g_ptr_array_add (table->rows, row_new (self, table, markup, 9));
      for (guint k = 0; k < 4; k++)
        g_free (markup[k]);
    }
  return table;
}

static PrintTable *
chronology_table (CgPrintOperation *self)
{
  CgExportModel *model = self->model;
  guint n = model->columns->len;
  g_autofree double *weights = g_new0 (double, n);
  g_autofree const char **titles = g_new0 (const char *, n);
  g_autofree char **markup = g_new0 (char *, n);
  PrintTable *table;

  for (guint k = 0; k < n; k++)
    {
      CgExportColumn column = g_array_index (model->columns, CgExportColumn, k);

      weights[k] = _cg_export_column_weight (column);
      titles[k] = model->column_titles[column];
    }
  table = table_new (self, weights, n);
  table->header = header_row_new (self, table, titles, 8.5);

  for (guint i = 0; i < model->display->len; i++)
    {
      CgExportRow *export_row = g_ptr_array_index (model->display, i);
      PrintRow *row;

      for (guint k = 0; k < n; k++)
        {
          CgExportColumn column = g_array_index (model->columns, CgExportColumn, k);

          markup[k] = cell_markup (&export_row->cells[column], _cg_export_lead_inline (column));
        }
      row = row_new (self, table, markup, 8.5);
      if (n > 1)
        {
          CgExportColumn column = g_array_index (model->columns, CgExportColumn, 0);
          g_autofree char *first = _cg_export_cell_plain (&export_row->cells[column]);
          g_autofree char *said = g_strdup_printf (_("%s (continued)"), first);
          g_autofree char *continued = markup_printf ("<i>%s</i>", said);

          row->continued = new_layout (self, continued, 7.5, table->widths[0] - 2 * PAD_X);
        }
      row->group = export_row->group;
      row->thick_top = export_row->group_first;
      for (guint k = 0; k < n; k++)
        {
          CgExportColumn column = g_array_index (model->columns, CgExportColumn, k);

          if (column == CG_EXPORT_COLUMN_RECORDING && export_row->retrospective)
            row->fills[k] = &retro_fill;
          else if (export_row->group != 0)
            row->fills[k] = &cluster_fill;
          g_clear_pointer (&markup[k], g_free);
        }
      g_ptr_array_add (table->rows, row);
    }
  return table;
}

static void
plan_pages (CgPrintOperation *self)
{
  CgExportModel *model = self->model;
  g_autofree char *title = markup_printf ("<b>%s</b>", model->title);
  g_autofree char *subtitle = markup_printf ("%s", model->subtitle);
  g_autofree char *key = markup_printf ("<b>%s</b>", _("Agency key"));
  g_autofree char *chronology = markup_printf ("<b>%s</b>", model->subtitle);
  g_autofree char *note = markup_printf ("<i>%s</i>",
                                         _("Records of one occurrence made by several agencies "
                                           "are kept together and shaded, with a heavier line "
                                           "above the first. Retrospective records are marked in "
                                           "the Recording column."));

  new_page (self);
  place_text (self, title, 22, &navy, 4);
  place_text (self, subtitle, 14, &grey, 10);
  if (model->draft)
    {
      g_autofree char *draft = markup_printf ("<b>%s</b>", _("DRAFT"));

      place_text (self, draft, 15, &draft_red, 10);
    }
  place_table (self, details_table (self), FALSE);
  self->y += 16;
  place_text (self, key, 14, &navy, 6);
  place_table (self, key_table (self), FALSE);

  new_page (self);
  place_text (self, chronology, 14, &navy, 4);
  place_text (self, note, 8.5, &grey, 6);
  place_table (self, chronology_table (self), TRUE);

  if (model->genogram != NULL)
    {
      g_autofree char *heading = markup_printf ("<b>%s</b>", model->genogram_heading);
      g_autofree char *caption = markup_printf ("<i>%s</i>", _("The key explains the symbols."));
      double width = 0, height = 0, space;
      Item *item;

      new_page (self);
      place_text (self, heading, 14, &navy, 8);
      cg_genogram_get_size (model->genogram, &width, &height);
      space = bottom (self) - self->y - 24;
      item = add_item (self, ITEM_GENOGRAM);
      item->scale = MIN (MIN (self->width / MAX (width, 1), space / MAX (height, 1)), 1.5);
      item->x = (self->width - width * item->scale) / 2;
      item->y = self->y;
      self->y += height * item->scale + 8;
      place_text (self, caption, 8.5, &grey, 0);
    }
}

/* ---------------------------------------------------------------- drawing */

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
  PrintTable *table = item->table;
  PrintRow *row = item->row;
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
          cairo_save (cr);
          /* A part of a cut row shows its own lines only. */
          cairo_rectangle (cr, x, item->y + PAD_Y, w, item->to[i] - item->from[i]);
          cairo_clip (cr);
          set_colour (cr, &black);
          cairo_move_to (cr, x + PAD_X, item->y + PAD_Y - item->from[i]);
          pango_cairo_show_layout (cr, row->cells[i]);
          cairo_restore (cr);
        }
      else if (i == 0 && item->continued)
        {
          set_colour (cr, &grey);
          cairo_move_to (cr, x + PAD_X, item->y + PAD_Y);
          pango_cairo_show_layout (cr, row->continued);
        }

      set_colour (cr, &border);
      cairo_set_line_width (cr, 0.5);
      cairo_rectangle (cr, x, item->y, w, item->height);
      cairo_stroke (cr);
      x += w;
    }

  if (row->thick_top && item->from[0] < 0.01)
    {
      set_colour (cr, &navy);
      cairo_set_line_width (cr, 1.5);
      cairo_move_to (cr, item->x, item->y);
      cairo_line_to (cr, x, item->y);
      cairo_stroke (cr);
    }
}

/* The running title, the page number, and whether it may be published. */
static void
draw_furniture (CgPrintOperation *self,
                cairo_t          *cr,
                guint             page,
                guint             n_pages)
{
  CgExportModel *model = self->model;
  g_autofree char *running = g_strdup_printf ("%s — %s", model->title, model->subtitle);
  g_autofree char *escaped = g_markup_escape_text (running, -1);
  g_autofree char *draft = g_markup_escape_text (_("DRAFT"), -1);
  g_autofree char *header = model->draft
                            ? g_strdup_printf ("%s  <span foreground=\"#c00000\"><b>%s</b></span>",
                                               escaped, draft)
                            : g_strdup (escaped);
  g_autofree char *number = g_strdup_printf (_("Page %u of %u"), page, n_pages);
  g_autofree char *number_markup = g_markup_escape_text (number, -1);
  g_autoptr(PangoLayout) top = new_layout (self, header, 7.5, self->width);
  g_autoptr(PangoLayout) foot = new_layout (self, number_markup, 7.5, self->width);

  pango_layout_set_alignment (top, PANGO_ALIGN_RIGHT);
  pango_layout_set_alignment (foot, PANGO_ALIGN_RIGHT);
  set_colour (cr, &grey);
  cairo_move_to (cr, 0, 0);
  pango_cairo_show_layout (cr, top);
  cairo_move_to (cr, 0, self->height - layout_height (foot));
  pango_cairo_show_layout (cr, foot);
  if (!model->options.anonymise)
    {
      g_autofree char *warning = g_markup_escape_text (_("Contains personal data: not for "
                                                         "publication"), -1);
      g_autoptr(PangoLayout) left = new_layout (self, warning, 7.5, self->width);

      cairo_move_to (cr, 0, self->height - layout_height (left));
      pango_cairo_show_layout (cr, left);
    }
}

/* ------------------------------------------------------- GtkPrintOperation */

static void
clear_pages (CgPrintOperation *self)
{
  g_ptr_array_set_size (self->pages, 0);
  g_ptr_array_set_size (self->tables, 0);
}

static void
cg_print_operation_begin_print (GtkPrintOperation *operation,
                                GtkPrintContext   *context)
{
  CgPrintOperation *self = CG_PRINT_OPERATION (operation);

  clear_pages (self);
  self->context = context;
  self->width = gtk_print_context_get_width (context);
  self->height = gtk_print_context_get_height (context);
  plan_pages (self);
  gtk_print_operation_set_n_pages (operation, MAX (self->pages->len, 1));
}

static void
cg_print_operation_draw_page (GtkPrintOperation *operation,
                              GtkPrintContext   *context,
                              int                page_nr)
{
  CgPrintOperation *self = CG_PRINT_OPERATION (operation);
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  GPtrArray *page;

  if (page_nr < 0 || (guint)page_nr >= self->pages->len)
    return;
  page = g_ptr_array_index (self->pages, page_nr);

  self->context = context;
  draw_furniture (self, cr, page_nr + 1, self->pages->len);
  for (guint i = 0; i < page->len; i++)
    {
      Item *item = g_ptr_array_index (page, i);

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
          cg_genogram_draw (self->model->genogram, cr, item->scale);
          cairo_restore (cr);
          break;

        default:
          g_assert_not_reached ();
        }
    }
}

static void
cg_print_operation_end_print (GtkPrintOperation *operation,
                              GtkPrintContext   *context)
{
  CgPrintOperation *self = CG_PRINT_OPERATION (operation);

  self->context = NULL;
}

static void
cg_print_operation_finalize (GObject *object)
{
  CgPrintOperation *self = (CgPrintOperation *)object;

  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->tables, g_ptr_array_unref);
  g_clear_pointer (&self->model, cg_export_model_free);

  G_OBJECT_CLASS (cg_print_operation_parent_class)->finalize (object);
}

static void
cg_print_operation_class_init (CgPrintOperationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkPrintOperationClass *operation_class = GTK_PRINT_OPERATION_CLASS (klass);

  object_class->finalize = cg_print_operation_finalize;
  operation_class->begin_print = cg_print_operation_begin_print;
  operation_class->draw_page = cg_print_operation_draw_page;
  operation_class->end_print = cg_print_operation_end_print;
}

static void
cg_print_operation_init (CgPrintOperation *self)
{
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);

  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify)g_ptr_array_unref);
  self->tables = g_ptr_array_new_with_free_func ((GDestroyNotify)print_table_free);

  /* The PDF export's page: landscape A4 with 1.5 cm at the sides. */
  gtk_page_setup_set_paper_size (setup, a4);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
  gtk_page_setup_set_left_margin (setup, 15, GTK_UNIT_MM);
  gtk_page_setup_set_right_margin (setup, 15, GTK_UNIT_MM);
  gtk_page_setup_set_top_margin (setup, 8, GTK_UNIT_MM);
  gtk_page_setup_set_bottom_margin (setup, 8, GTK_UNIT_MM);
  gtk_print_operation_set_default_page_setup (GTK_PRINT_OPERATION (self), setup);
  gtk_print_operation_set_unit (GTK_PRINT_OPERATION (self), GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (GTK_PRINT_OPERATION (self), TRUE);
}

CgPrintOperation *
cg_print_operation_new (CgExportModel *model)
{
  CgPrintOperation *self;
  g_autofree char *job_name = NULL;

  g_return_val_if_fail (model != NULL, NULL);

  self = g_object_new (CG_TYPE_PRINT_OPERATION, NULL);
  self->model = model;
  job_name = g_strdup_printf ("%s — %s", model->title, model->subtitle);
  gtk_print_operation_set_job_name (GTK_PRINT_OPERATION (self), job_name);
  return self;
}

guint
_cg_print_operation_get_n_pages (CgPrintOperation *self)
{
  g_return_val_if_fail (CG_IS_PRINT_OPERATION (self), 0);

  return self->pages->len;
}

/* --------------------------------------------------------- from the window */

#define SETTINGS_KEY  "cg-print-settings"
#define OPERATION_KEY "cg-print-operation"

typedef struct
{
  CgStore       *store;
  CgExportModel *model;
  char          *pdf_path;
} PrintJob;

static void
print_job_free (PrintJob *job)
{
  g_clear_object (&job->store);
  g_clear_pointer (&job->model, cg_export_model_free);
  g_clear_pointer (&job->pdf_path, g_free);
  g_free (job);
}

/* The chronology as the author sees it: every record, names and dates as
 * they are. */
static void
print_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  PrintJob *job = task_data;
  GError *error = NULL;

  if (!(job->model = cg_export_model_new (job->store, NULL, &error)))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_print_done_cb (GtkPrintOperation       *operation,
                  GtkPrintOperationResult  result,
                  CgWindow                *window)
{
  g_object_set_data (G_OBJECT (operation), "cg-done", GINT_TO_POINTER (TRUE));

  if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    g_object_set_data_full (G_OBJECT (window), SETTINGS_KEY,
                            g_object_ref (gtk_print_operation_get_print_settings (operation)),
                            g_object_unref);
  else if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;

      gtk_print_operation_get_error (operation, &error);
      if (error != NULL)
        _cg_window_show_error (window, _("Could Not Print the Chronology"), error);
    }
}

static void
run_operation (CgWindow      *window,
               CgExportModel *model,
               const char    *pdf_path)
{
  g_autoptr(CgPrintOperation) operation = cg_print_operation_new (model);
  GtkPrintOperation *print = GTK_PRINT_OPERATION (operation);
  GtkPrintSettings *settings = g_object_get_data (G_OBJECT (window), SETTINGS_KEY);
  GtkPrintOperationResult result;
  g_autoptr(GError) error = NULL;

  if (settings != NULL)
    gtk_print_operation_set_print_settings (print, settings);
  g_signal_connect_object (print, "done", G_CALLBACK (on_print_done_cb), window, 0);

  if (pdf_path != NULL)
    {
      gtk_print_operation_set_export_filename (print, pdf_path);
      result = gtk_print_operation_run (print, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error);
    }
  else
    {
      /* The window keeps the operation until the dialog and printing are done. */
      g_object_set_data_full (G_OBJECT (window), OPERATION_KEY, g_object_ref (operation),
                              g_object_unref);
      gtk_print_operation_set_allow_async (print, TRUE);
      gtk_print_operation_set_show_progress (print, TRUE);
      result = gtk_print_operation_run (print, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                        GTK_WINDOW (window), &error);
    }

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR && error != NULL
      && g_object_get_data (G_OBJECT (operation), "cg-done") == NULL)
    _cg_window_show_error (window, _("Could Not Print the Chronology"), error);
}

static void
print_ready_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  CgWindow *window = CG_WINDOW (object);
  PrintJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    _cg_window_show_error (window, _("Could Not Print the Chronology"), error);
  else
    run_operation (window, g_steal_pointer (&job->model), job->pdf_path);
  /* Released after an export to PDF is written, so that the window's busy
   * state covers it. */
  _cg_window_release_store (window);
}

static void
print_chronology (CgWindow   *window,
                  const char *pdf_path)
{
  g_autoptr(GTask) task = NULL;
  CgStore *store = _cg_window_get_store (window);
  PrintJob *job;

  if (store == NULL || _cg_window_get_busy (window))
    return;

  job = g_new0 (PrintJob, 1);
  job->store = g_object_ref (store);
  job->pdf_path = g_strdup (pdf_path);

  _cg_window_hold_store (window);
  task = g_task_new (window, NULL, print_ready_cb, NULL);
  g_task_set_source_tag (task, print_chronology);
  g_task_set_task_data (task, job, (GDestroyNotify)print_job_free);
  g_task_run_in_thread (task, print_thread);
}

void
cg_print_chronology (CgWindow *window)
{
  g_return_if_fail (CG_IS_WINDOW (window));

  print_chronology (window, NULL);
}

void
_cg_print_chronology_to_pdf (CgWindow   *window,
                             const char *path)
{
  g_return_if_fail (CG_IS_WINDOW (window));
  g_return_if_fail (path != NULL);

  print_chronology (window, path);
}
