/* fuzz-csv.c: bytes → encoding sniff → decoder → CSV reader, in memory
 *
 * The first byte of the input chooses the delimiter and seeds the chunk
 * sizes; the rest is the file. Each input is decoded and parsed twice, once
 * whole and once in random pieces, and both readings must agree: an agency
 * file must read the same whatever the size of the buffer it came through.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "cg-csv.h"
#include "cg-encoding.h"
#include "cg-errors.h"

#include "fuzz-common.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Big enough for every shape of file, small enough to keep each run fast. */
#define LARGEST_INPUT (64 * 1024)

typedef struct
{
  GPtrArray *rows;      /* GStrv */
  GArray    *numbers;   /* guint */
  GArray    *stray;     /* gboolean */
} Parsed;

static void
parsed_init (Parsed *p)
{
  p->rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  p->numbers = g_array_new (FALSE, FALSE, sizeof (guint));
  p->stray = g_array_new (FALSE, FALSE, sizeof (gboolean));
}

static void
parsed_clear (Parsed *p)
{
  g_ptr_array_unref (p->rows);
  g_array_unref (p->numbers);
  g_array_unref (p->stray);
}

static gboolean
collect_cb (guint               row,
            const char * const *cells,
            guint               n_cells,
            gboolean            stray_quote,
            gpointer            user_data,
            GError            **error)
{
  Parsed *p = user_data;

  /* Rows are 1-based, each record starts on a later row than the one before,
   * and the cell array is NULL-terminated after n_cells valid UTF-8 cells. */
  FUZZ_ASSERT (row >= 1);
  if (p->numbers->len > 0)
    FUZZ_ASSERT (row > g_array_index (p->numbers, guint, p->numbers->len - 1));
  FUZZ_ASSERT (n_cells >= 1);
  FUZZ_ASSERT (cells[n_cells] == NULL);
  for (guint i = 0; i < n_cells; i++)
    {
      FUZZ_ASSERT (cells[i] != NULL);
      FUZZ_ASSERT (g_utf8_validate (cells[i], -1, NULL));
    }

  g_ptr_array_add (p->rows, g_strdupv ((char **)cells));
  g_array_append_val (p->numbers, row);
  g_array_append_val (p->stray, stray_quote);
  return TRUE;
}

/* Decodes @data whole, or in pieces chosen by @rng when it is not NULL. */
static gboolean
decode (CgEncoding    encoding,
        const guint8 *data,
        gsize         len,
        FuzzRng      *rng,
        GString      *out)
{
  g_autoptr(CgDecoder) decoder = cg_decoder_new (encoding);
  gsize done = 0;

  if (rng == NULL)
    return cg_decoder_decode (decoder, data, len, TRUE, out);

  do
    {
      gsize piece = fuzz_rng_piece (rng);

      piece = MIN (piece, len - done);

      if (!cg_decoder_decode (decoder, data + done, piece, done + piece == len, out))
        return FALSE;
      done += piece;
    }
  while (done < len);
  return TRUE;
}

static gboolean
parse (const char  *text,
       gsize        len,
       char         delimiter,
       FuzzRng     *rng,
       Parsed      *parsed,
       guint       *n_rows,
       GError     **error)
{
  g_autoptr(CgCsvReader) reader = cg_csv_reader_new (delimiter, collect_cb, parsed);
  gsize done = 0;

  while (done < len)
    {
      gsize piece = rng ? fuzz_rng_piece (rng) : len;

      piece = MIN (piece, len - done);

      if (!cg_csv_reader_feed (reader, text + done, piece, error))
        return FALSE;
      done += piece;
    }
  if (!cg_csv_reader_finish (reader, error))
    return FALSE;
  *n_rows = cg_csv_reader_get_rows (reader);
  return TRUE;
}

static void
assert_same (Parsed *a,
             Parsed *b)
{
  FUZZ_ASSERT (a->rows->len == b->rows->len);
  for (guint i = 0; i < a->rows->len; i++)
    {
      char **ra = g_ptr_array_index (a->rows, i);
      char **rb = g_ptr_array_index (b->rows, i);

      FUZZ_ASSERT (g_array_index (a->numbers, guint, i) == g_array_index (b->numbers, guint, i));
      FUZZ_ASSERT (g_array_index (a->stray, gboolean, i) == g_array_index (b->stray, gboolean, i));
      FUZZ_ASSERT (g_strv_equal ((const char * const *)ra, (const char * const *)rb));
    }
}

/* Text without any quote mark has an exact answer: every line that is not
 * empty is one record on its own row, split at each delimiter. */
static void
check_unquoted (const char *text,
                gsize       len,
                char        delimiter,
                Parsed     *parsed,
                guint       n_rows)
{
  char separator[2] = { delimiter, '\0' };
  guint row = 1, record = 0;
  gsize start = 0;

  for (gsize i = 0; i <= len; i++)
    {
      gboolean end_of_text = i == len;

      if (!end_of_text && text[i] != '\r' && text[i] != '\n')
        continue;
      if (i > start)
        {
          g_autofree char *line = g_strndup (text + start, i - start);
          g_auto(GStrv) cells = g_strsplit (line, separator, -1);

          FUZZ_ASSERT (record < parsed->rows->len);
          FUZZ_ASSERT (g_array_index (parsed->numbers, guint, record) == row);
          FUZZ_ASSERT (!g_array_index (parsed->stray, gboolean, record));
          FUZZ_ASSERT (g_strv_equal ((const char * const *)cells,
                                     g_ptr_array_index (parsed->rows, record)));
          record++;
        }
      if (end_of_text)
        {
          if (i > start)
            row++;
          break;
        }
      if (text[i] == '\r' && i + 1 < len && text[i + 1] == '\n')
        i++;
      start = i + 1;
      row++;
    }
  FUZZ_ASSERT (record == parsed->rows->len);
  FUZZ_ASSERT (n_rows == row - 1);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char delimiters[] = { ',', ';', '\t', '|' };
  g_autoptr(GString) whole_text = g_string_new (NULL);
  g_autoptr(GString) piece_text = g_string_new (NULL);
  g_autoptr(GError) whole_error = NULL;
  g_autoptr(GError) piece_error = NULL;
  const char *binary_kind = NULL;
  CgEncoding encoding;
  gboolean whole_ok, piece_ok;
  Parsed whole, pieces;
  guint whole_rows = 0, piece_rows = 0;
  FuzzRng rng;
  char delimiter;
  gsize skip;

  if (size < 1 || size > LARGEST_INPUT)
    return 0;
  fuzz_rng_init (&rng, data[0]);
  delimiter = data[0] & 0x80 ? 0 : delimiters[data[0] & 3];
  data++;
  size--;

  if (!cg_encoding_sniff (data, size, &encoding, &binary_kind))
    {
      FUZZ_ASSERT (binary_kind != NULL && g_utf8_validate (binary_kind, -1, NULL));
      return 0;
    }
  FUZZ_ASSERT (binary_kind == NULL);

  /* The importer's own order: the BOM is skipped, invalid UTF-8 is re-read as
   * Windows-1252, which never fails. */
  skip = encoding == CG_ENCODING_UTF8_BOM ? 3 :
         (encoding == CG_ENCODING_UTF16LE || encoding == CG_ENCODING_UTF16BE) &&
         size >= 2 && (data[0] == 0xFF || data[0] == 0xFE) ? 2 : 0;
  whole_ok = decode (encoding, data + skip, size - skip, NULL, whole_text);
  piece_ok = decode (encoding, data + skip, size - skip, &rng, piece_text);
  FUZZ_ASSERT (whole_ok == piece_ok);
  if (!whole_ok)
    {
      FUZZ_ASSERT (encoding == CG_ENCODING_UTF8 || encoding == CG_ENCODING_UTF8_BOM);
      g_string_truncate (whole_text, 0);
      g_string_truncate (piece_text, 0);
      FUZZ_ASSERT (decode (CG_ENCODING_WINDOWS_1252, data, size, NULL, whole_text));
      FUZZ_ASSERT (decode (CG_ENCODING_WINDOWS_1252, data, size, &rng, piece_text));
    }
  FUZZ_ASSERT (whole_text->len == piece_text->len);
  FUZZ_ASSERT (memcmp (whole_text->str, piece_text->str, whole_text->len) == 0);
  FUZZ_ASSERT (g_utf8_validate_len (whole_text->str, whole_text->len, NULL));
  FUZZ_ASSERT (memchr (whole_text->str, '\0', whole_text->len) == NULL);

  if (delimiter == 0)
    {
      delimiter = cg_csv_sniff_delimiter (whole_text->str, whole_text->len);
      FUZZ_ASSERT (memchr (delimiters, delimiter, sizeof delimiters) != NULL);
    }

  parsed_init (&whole);
  parsed_init (&pieces);
  whole_ok = parse (whole_text->str, whole_text->len, delimiter, NULL, &whole, &whole_rows,
                    &whole_error);
  piece_ok = parse (piece_text->str, piece_text->len, delimiter, &rng, &pieces, &piece_rows,
                    &piece_error);

  /* Only a never-closed quote refuses a file, and the message names its row. */
  FUZZ_ASSERT (whole_ok == piece_ok);
  if (!whole_ok)
    {
      FUZZ_ASSERT (g_error_matches (whole_error, CG_ERROR, CG_ERROR_UNCLOSED_QUOTE));
      FUZZ_ASSERT (g_error_matches (piece_error, CG_ERROR, CG_ERROR_UNCLOSED_QUOTE));
      FUZZ_ASSERT (g_str_equal (whole_error->message, piece_error->message));
      FUZZ_ASSERT (g_str_has_prefix (whole_error->message, "row "));
      FUZZ_ASSERT (memchr (whole_text->str, '"', whole_text->len) != NULL);
    }
  else
    {
      FUZZ_ASSERT (whole_rows == piece_rows);
      if (whole.numbers->len > 0)
        FUZZ_ASSERT (g_array_index (whole.numbers, guint, whole.numbers->len - 1) <= whole_rows);
      if (memchr (whole_text->str, '"', whole_text->len) == NULL)
        check_unquoted (whole_text->str, whole_text->len, delimiter, &whole, whole_rows);
    }
  assert_same (&whole, &pieces);

  parsed_clear (&whole);
  parsed_clear (&pieces);
  return 0;
}
