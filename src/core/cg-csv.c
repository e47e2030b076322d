/* cg-csv.c: the only file that knows libcsv
 *
 * libcsv splits cells; it reports neither line numbers nor blank lines, and it
 * keeps malformed quotes silently in its lenient mode. So the text is fed to it
 * one line at a time while a small quote tracker, mirroring libcsv's lenient
 * rules, counts the line ends that fall outside quoted cells (the spreadsheet
 * rows), notices stray quotes and remembers where a quoted cell opened.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cg-csv"

#include "config.h"

#include <string.h>

#include <csv.h>
#include <glib/gi18n-lib.h>

#include "cg-csv.h"
#include "cg-errors.h"

typedef enum
{
  QUOTE_FIELD_START,
  QUOTE_UNQUOTED,
  QUOTE_QUOTED,
  QUOTE_MAYBE_CLOSED,   /* a quote inside a quoted cell: closing, or the first of "" */
} QuoteState;

struct _CgCsvReader
{
  struct csv_parser parser;
  char              delimiter;
  CgCsvRowFunc      func;
  gpointer          user_data;
  GString          *text;           /* the current record's cells, each ending in NUL */
  GArray           *starts;         /* gsize: where each cell starts in text */
  GPtrArray        *cells;          /* pointers into text, handed to func */
  GError           *error;
  gboolean          done;           /* the callback asked to stop, quietly */

  guint             row;            /* spreadsheet row of the current line */
  guint             record_row;     /* row the current record started on */
  gboolean          record_started;
  guint             quote_row;      /* row where the open quoted cell started */
  QuoteState        state;
  gboolean          stray;
  gboolean          pending_cr;
};

static int
no_spaces (unsigned char c)
{
  /* Cells are kept as written: leading and trailing spaces are data. */
  return 0;
}

static void
on_cell (void   *data,
         size_t  len,
         void   *user_data)
{
  CgCsvReader *self = user_data;

  gsize start = self->text->len;

  if (self->error != NULL || self->done)
    return;
  /* One buffer for the whole record, reused: no allocation per cell. */
  if (data != NULL)
    g_string_append_len (self->text, data, len);
  g_string_append_c (self->text, '\0');
  g_array_append_val (self->starts, start);
}

static void
on_record (int   c,
           void *user_data)
{
  CgCsvReader *self = user_data;
  guint n_cells = self->starts->len;

  if (self->error == NULL && !self->done)
    {
      g_ptr_array_set_size (self->cells, 0);
      for (guint i = 0; i < n_cells; i++)
        g_ptr_array_add (self->cells, self->text->str + g_array_index (self->starts, gsize, i));
      g_ptr_array_add (self->cells, NULL);
      if (!self->func (self->record_row, (const char * const *)self->cells->pdata, n_cells,
                       self->stray, self->user_data, &self->error) && self->error == NULL)
        self->done = TRUE;
    }
  g_string_truncate (self->text, 0);
  g_array_set_size (self->starts, 0);
  self->stray = FALSE;
  self->record_started = FALSE;
}

CgCsvReader *
cg_csv_reader_new (char          delimiter,
                   CgCsvRowFunc  func,
                   gpointer      user_data)
{
  CgCsvReader *self = g_new0 (CgCsvReader, 1);

  csv_init (&self->parser, CSV_APPEND_NULL);
  csv_set_delim (&self->parser, (unsigned char)delimiter);
  csv_set_space_func (&self->parser, no_spaces);
  /* libcsv grows a cell 128 bytes at a time by default: a 10 MB cell would
   * take 80,000 reallocations */
  csv_set_blk_size (&self->parser, 64 * 1024);
  self->delimiter = delimiter;
  self->func = func;
  self->user_data = user_data;
  self->text = g_string_sized_new (4096);
  self->starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  self->cells = g_ptr_array_new ();
  self->row = 1;
  return self;
}

void
cg_csv_reader_free (CgCsvReader *self)
{
  if (self == NULL)
    return;
  csv_free (&self->parser);
  g_string_free (self->text, TRUE);
  g_array_unref (self->starts);
  g_ptr_array_unref (self->cells);
  g_clear_error (&self->error);
  g_free (self);
}

gboolean
cg_csv_reader_is_done (CgCsvReader *self)
{
  return self->done;
}

guint
cg_csv_reader_get_rows (CgCsvReader *self)
{
  return self->row - 1;
}

static gboolean
parse (CgCsvReader  *self,
       const char   *text,
       gsize         len,
       GError      **error)
{
  if (len == 0)
    return TRUE;
  if (csv_parse (&self->parser, text, len, on_cell, on_record, self) != len)
    {
      /* Only memory can fail in lenient mode. */
      g_set_error (error, CG_ERROR, CG_ERROR_TOO_LARGE,
                   _("row %u: a cell is too large to read (%s)"), self->record_row,
                   csv_strerror (csv_error (&self->parser)));
      return FALSE;
    }
  if (self->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->error));
      return FALSE;
    }
  return TRUE;
}

/* Advances the quote tracker over one character that is not a line end. */
static inline void
track (CgCsvReader *self,
       char         c)
{
  switch (self->state)
    {
    case QUOTE_FIELD_START:
      if (!self->record_started)
        {
          self->record_started = TRUE;
          self->record_row = self->row;
        }
      if (c == '"')
        {
          self->state = QUOTE_QUOTED;
          self->quote_row = self->record_row;
        }
      else if (c != self->delimiter)
        self->state = QUOTE_UNQUOTED;
      break;
    case QUOTE_UNQUOTED:
      if (c == '"')
        self->stray = TRUE;
      else if (c == self->delimiter)
        self->state = QUOTE_FIELD_START;
      break;
    case QUOTE_QUOTED:
      if (c == '"')
        self->state = QUOTE_MAYBE_CLOSED;
      break;
    case QUOTE_MAYBE_CLOSED:
      if (c == '"')
        self->state = QUOTE_QUOTED;
      else if (c == self->delimiter)
        self->state = QUOTE_FIELD_START;
      else
        {
          /* libcsv keeps the quote and the cell stays open */
          self->stray = TRUE;
          self->state = QUOTE_QUOTED;
        }
      break;
    default:
      g_assert_not_reached ();
    }
}

/* A line end: inside a quoted cell it is part of the cell; outside, it ends a row. */
static inline gboolean
line_end_outside_quotes (CgCsvReader *self)
{
  if (self->state == QUOTE_QUOTED)
    return FALSE;
  self->state = QUOTE_FIELD_START;
  return TRUE;
}

gboolean
cg_csv_reader_feed (CgCsvReader  *self,
                    const char   *text,
                    gsize         len,
                    GError      **error)
{
  gsize start = 0, i = 0;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->done)
    return TRUE;

  if (self->pending_cr && len > 0)
    {
      /* The \n of a CRLF cut by the end of the previous chunk. */
      self->pending_cr = FALSE;
      if (text[0] == '\n')
        i = 1;
    }

  while (i < len)
    {
      char c = text[i];

      if (c != '\r' && c != '\n')
        {
          track (self, c);
          i++;
          continue;
        }

      /* One line end: \n, \r\n or \r. */
      i++;
      if (c == '\r')
        {
          if (i < len && text[i] == '\n')
            i++;
          else if (i == len)
            self->pending_cr = TRUE;
        }

      if (line_end_outside_quotes (self))
        {
          if (!self->record_started)
            {
              self->record_started = TRUE;
              self->record_row = self->row;
            }
          if (!parse (self, text + start, i - start, error))
            return FALSE;
          if (self->done)
            return TRUE;
          start = i;
          self->record_started = FALSE;
          self->row++;
        }
    }

  return parse (self, text + start, len - start, error);
}

gboolean
cg_csv_reader_finish (CgCsvReader  *self,
                      GError      **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->done)
    return TRUE;
  if (self->state == QUOTE_QUOTED)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_UNCLOSED_QUOTE,
                   _("row %u: a quoted cell that starts on this row is never closed, so the "
                     "rest of the file cannot be read; nothing was imported. Close the quote "
                     "(\") in the spreadsheet and save the file again"), self->quote_row);
      return FALSE;
    }

  {
    gboolean open_record = self->record_started;

    csv_fini (&self->parser, on_cell, on_record, self);
    if (self->error != NULL)
      {
        g_propagate_error (error, g_steal_pointer (&self->error));
        return FALSE;
      }
    if (open_record)
      self->row++;
    self->record_started = FALSE;
  }
  return TRUE;
}

/* Picks the delimiter that splits the most lines into the same number of
 * cells; preamble lines ("Name of child: ...") and commas inside a
 * semicolon file's text do not fool it. */
char
cg_csv_sniff_delimiter (const char *text,
                        gsize       len)
{
  static const char candidates[] = { ',', ';', '\t', '|' };
  char best = ',';
  guint best_score = 0;

  for (guint k = 0; k < G_N_ELEMENTS (candidates); k++)
    {
      char d = candidates[k];
      g_autoptr(GHashTable) modes = g_hash_table_new (NULL, NULL);
      guint count = 0, lines = 0, score = 0;
      gboolean quoted = FALSE;
      GHashTableIter iter;
      gpointer key, value;

      for (gsize i = 0; i < len && lines < 50; i++)
        {
          char c = text[i];

          if (c == '"')
            quoted = !quoted;
          else if (!quoted && c == d)
            count++;
          else if (!quoted && (c == '\n' || c == '\r'))
            {
              if (count > 0)
                {
                  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (modes, GUINT_TO_POINTER (count)));
                  g_hash_table_insert (modes, GUINT_TO_POINTER (count), GUINT_TO_POINTER (n + 1));
                }
              count = 0;
              lines++;
              if (c == '\r' && i + 1 < len && text[i + 1] == '\n')
                i++;
            }
        }
      if (count > 0)
        {
          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (modes, GUINT_TO_POINTER (count)));
          g_hash_table_insert (modes, GUINT_TO_POINTER (count), GUINT_TO_POINTER (n + 1));
        }

      g_hash_table_iter_init (&iter, modes);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          /* lines agreeing on a cell count, weighted a little by how many cells */
          guint s = GPOINTER_TO_UINT (value) * 4 + MIN (GPOINTER_TO_UINT (key), 3u);
          score = MAX (score, s);
        }
      if (score > best_score)
        {
          best_score = score;
          best = d;
        }
    }
  return best;
}
