/* test-csv.c: the CSV reader against the public suites and our row rules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "cg-csv.h"
#include "cg-encoding.h"
#include "cg-errors.h"

typedef struct
{
  GPtrArray *rows;     /* GStrv */
  GArray    *numbers;  /* guint */
  GArray    *stray;    /* gboolean */
} Collected;

static gboolean
collect_cb (guint               row,
            const char * const *cells,
            guint               n_cells,
            gboolean            stray_quote,
            gpointer            user_data,
            GError            **error)
{
  Collected *c = user_data;

  g_ptr_array_add (c->rows, g_strdupv ((char **)cells));
  g_array_append_val (c->numbers, row);
  g_array_append_val (c->stray, stray_quote);
  return TRUE;
}

static void
collected_init (Collected *c)
{
  c->rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  c->numbers = g_array_new (FALSE, FALSE, sizeof (guint));
  c->stray = g_array_new (FALSE, FALSE, sizeof (gboolean));
}

static void
collected_clear (Collected *c)
{
  g_ptr_array_unref (c->rows);
  g_array_unref (c->numbers);
  g_array_unref (c->stray);
}

/* Feeds @text in pieces of @chunk bytes (0: all at once). */
static gboolean
parse_text (const char  *text,
            gsize        len,
            char         delimiter,
            gsize        chunk,
            Collected   *c,
            GError     **error)
{
  g_autoptr(CgCsvReader) reader = cg_csv_reader_new (delimiter, collect_cb, c);

  if (chunk == 0)
    chunk = MAX (len, 1);
  for (gsize off = 0; off < len; off += chunk)
    if (!cg_csv_reader_feed (reader, text + off, MIN (chunk, len - off), error))
      return FALSE;
  return cg_csv_reader_finish (reader, error);
}

/* The suite's "header-" files list only the rows under the header foo,bar,baz. */
static void
check_against_json_arrays (const char *csv_path,
                           const char *json_path,
                           gboolean    has_header)
{
  g_autofree char *text = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *rows;
  Collected c;
  gsize len;

  g_assert_true (g_file_get_contents (csv_path, &text, &len, NULL));
  g_assert_true (json_parser_load_from_file (parser, json_path, &error));
  g_assert_no_error (error);
  rows = json_node_get_array (json_parser_get_root (parser));

  /* Fed whole and one byte at a time: the cells must be the same. */
  for (gsize chunk = 0; chunk <= 1; chunk++)
    {
      guint expected_rows = 0;

      collected_init (&c);
      g_assert_true (parse_text (text, len, ',', chunk, &c, &error));
      g_assert_no_error (error);
      if (has_header)
        {
          char **header = g_ptr_array_index (c.rows, 0);

          g_assert_cmpstrv (header, ((const char * const[]) { "foo", "bar", "baz", NULL }));
          g_ptr_array_remove_index (c.rows, 0);
        }

      /* Header files list objects keyed by header; the others list arrays, with
       * blank lines as [""] (blank lines are not records here). */
      for (guint i = 0; i < json_array_get_length (rows); i++)
        {
          JsonNode *node = json_array_get_element (rows, i);
          JsonArray *row = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

          if (row == NULL || !(json_array_get_length (row) == 1 &&
                               g_strcmp0 (json_array_get_string_element (row, 0), "") == 0))
            expected_rows++;
        }
      g_assert_cmpuint (c.rows->len, ==, expected_rows);

      for (guint i = 0, r = 0; i < json_array_get_length (rows); i++)
        {
          JsonNode *node = json_array_get_element (rows, i);
          char **cells;

          if (JSON_NODE_HOLDS_OBJECT (node))
            {
              JsonObject *object = json_node_get_object (node);
              const char *header[] = { "foo", "bar", "baz" };

              cells = g_ptr_array_index (c.rows, r++);
              for (guint k = 0; k < G_N_ELEMENTS (header); k++)
                g_assert_cmpstr (cells[k], ==, json_object_get_string_member (object, header[k]));
              continue;
            }
          {
            JsonArray *row = json_node_get_array (node);

            if (json_array_get_length (row) == 1 &&
                g_strcmp0 (json_array_get_string_element (row, 0), "") == 0)
              continue;
            cells = g_ptr_array_index (c.rows, r++);
            g_assert_cmpuint (g_strv_length (cells), ==, json_array_get_length (row));
            for (guint k = 0; k < json_array_get_length (row); k++)
              g_assert_cmpstr (cells[k], ==, json_array_get_string_element (row, k));
          }
        }
      collected_clear (&c);
    }
}

static void
test_csv_test_data (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "csv-test-data", "json", NULL);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  guint checked = 0;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *base = g_strndup (name, strlen (name) - 5);
      g_autofree char *csv_name = g_strconcat (base, ".csv", NULL);
      g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "data", "csv-test-data", "csv",
                                                    csv_name, NULL);
      g_autofree char *json = g_build_filename (dir, name, NULL);

      g_test_message ("csv-test-data: %s", base);
      check_against_json_arrays (csv, json, g_str_has_prefix (base, "header-"));
      checked++;
    }
  g_assert_cmpuint (checked, >=, 15);
}

static void
test_csv_spectrum (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "csv-spectrum", "csvs", NULL);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  guint checked = 0;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *base = g_strndup (name, strlen (name) - 4);
      g_autofree char *json_name = g_strconcat (base, ".json", NULL);
      g_autofree char *json = g_test_build_filename (G_TEST_DIST, "data", "csv-spectrum", "json",
                                                     json_name, NULL);
      g_autofree char *csv = g_build_filename (dir, name, NULL);
      g_autofree char *text = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      JsonArray *objects;
      Collected c;
      gsize len;
      char **header;

      g_test_message ("csv-spectrum: %s", base);
      g_assert_true (g_file_get_contents (csv, &text, &len, NULL));
      g_assert_true (json_parser_load_from_file (parser, json, &error));
      objects = json_node_get_array (json_parser_get_root (parser));

      collected_init (&c);
      g_assert_true (parse_text (text, len, ',', 7, &c, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (c.rows->len, ==, json_array_get_length (objects) + 1);
      header = g_ptr_array_index (c.rows, 0);
      for (guint i = 0; i < json_array_get_length (objects); i++)
        {
          JsonObject *object = json_array_get_object_element (objects, i);
          char **cells = g_ptr_array_index (c.rows, i + 1);

          for (guint k = 0; header[k]; k++)
            g_assert_cmpstr (cells[k], ==, json_object_get_string_member (object, header[k]));
        }
      collected_clear (&c);
      checked++;
    }
  g_assert_cmpuint (checked, >=, 11);
}

static void
test_bad_files (void)
{
  static const struct { const char *file; gboolean refused; guint row; gboolean stray; } cases[] = {
    { "bad-missing-quote.csv", TRUE, 2, FALSE },
    { "bad-unescaped-quote.csv", FALSE, 2, TRUE },
    { "bad-quotes-with-unescaped-quote.csv", FALSE, 2, TRUE },
    { "bad-header-less-fields.csv", FALSE, 2, FALSE },
    { "bad-header-more-fields.csv", FALSE, 2, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "csv-test-data", "csv",
                                                     cases[i].file, NULL);
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;
      Collected c;
      gsize len;
      gboolean ok;

      g_assert_true (g_file_get_contents (path, &text, &len, NULL));
      collected_init (&c);
      ok = parse_text (text, len, ',', 0, &c, &error);
      if (cases[i].refused)
        {
          g_autofree char *row = g_strdup_printf ("row %u:", cases[i].row);

          g_assert_false (ok);
          g_assert_error (error, CG_ERROR, CG_ERROR_UNCLOSED_QUOTE);
          g_assert_true (g_str_has_prefix (error->message, row));
        }
      else
        {
          g_assert_true (ok);
          g_assert_cmpuint (c.rows->len, ==, 2);
          g_assert_cmpuint (g_array_index (c.numbers, guint, 1), ==, cases[i].row);
          g_assert_cmpint (g_array_index (c.stray, gboolean, 1), ==, cases[i].stray);
        }
      collected_clear (&c);
    }

  /* The stray quote is kept as written. */
  {
    const char *text = "a,b\n1,This \"quotes\" must be escaped\n";
    Collected c;

    collected_init (&c);
    g_assert_true (parse_text (text, strlen (text), ',', 0, &c, NULL));
    g_assert_cmpstr (((char **)g_ptr_array_index (c.rows, 1))[1], ==, "This \"quotes\" must be escaped");
    collected_clear (&c);
  }
}

static void
test_row_numbers (void)
{
  static const struct { const char *text; guint n; guint rows[6]; } cases[] = {
    { "h\n1\n2\n", 3, { 1, 2, 3 } },
    { "h\r\n1\r\n\r\n2\r\n", 3, { 1, 2, 4 } },
    { "h\r1\r\r\r2", 3, { 1, 2, 5 } },
    { "h,x\n\"a\nb\nc\",1\n2,3\n", 3, { 1, 2, 3 } },
    { "h,x\r\n\"a\r\nb\",1\r\n,\r\n3,4", 4, { 1, 2, 3, 4 } },
    { "\n\nh\n1", 2, { 3, 4 } },
    { "a;b\n\"x;y\";\"\"\"q\"\"\"\n", 2, { 1, 2 } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (gsize chunk = 0; chunk <= 3; chunk++)
      {
        Collected c;
        char delimiter = strchr (cases[i].text, ';') ? ';' : ',';

        collected_init (&c);
        g_assert_true (parse_text (cases[i].text, strlen (cases[i].text), delimiter, chunk, &c, NULL));
        g_assert_cmpuint (c.rows->len, ==, cases[i].n);
        for (guint r = 0; r < cases[i].n; r++)
          g_assert_cmpuint (g_array_index (c.numbers, guint, r), ==, cases[i].rows[r]);
        collected_clear (&c);
      }

  /* A quoted cell keeps its line break and doubled quotes. */
  {
    const char *text = "a,b\n\"line one\r\nline two\",\"say \"\"hi\"\"\"\n";
    Collected c;

    collected_init (&c);
    g_assert_true (parse_text (text, strlen (text), ',', 5, &c, NULL));
    g_assert_cmpstr (((char **)g_ptr_array_index (c.rows, 1))[0], ==, "line one\r\nline two");
    g_assert_cmpstr (((char **)g_ptr_array_index (c.rows, 1))[1], ==, "say \"hi\"");
    collected_clear (&c);
  }
}

static void
test_sniff_delimiter (void)
{
  static const struct { const char *text; char expected; } cases[] = {
    { "Date,Details,Worker\n1/2/21,\"a, b\",X\n", ',' },
    { "Date;Time;Event\n03/07/2021;03:30;Fell, hurt lip\n20/01/2022;17:50;x\n", ';' },
    { "Date\tDetails\n1/2/21\tvisit, seen\n2/2/21\tcall\n", '\t' },
    { "Name of child: A,, ,\nCompleted by: B,, ,\nDate,Record,Comment,Recorded\n1,2,3,4\n", ',' },
    { "single column\nvalue\n", ',' },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (cg_csv_sniff_delimiter (cases[i].text, strlen (cases[i].text)), ==,
                     cases[i].expected);
}

static void
decode_all (CgEncoding    encoding,
            const guint8 *data,
            gsize         len,
            gsize         chunk,
            GString      *out,
            gboolean      expect_ok)
{
  g_autoptr(CgDecoder) decoder = cg_decoder_new (encoding);
  gboolean ok = TRUE;

  for (gsize off = 0; off < len && ok; off += chunk)
    ok = cg_decoder_decode (decoder, data + off, MIN (chunk, len - off), off + chunk >= len, out);
  g_assert_cmpint (ok, ==, expect_ok);
}

static void
test_encodings (void)
{
  /* Windows-1252, including the five bytes glibc refuses. */
  {
    const guint8 bytes[] = { 'Z', 'o', 0xE9, ' ', 0x96, ' ', 0x93, 'x', 0x94, 0x80, 0x81, 0x8D, 0x8F, 0x90, 0x9D };
    g_autoptr(GString) out = g_string_new (NULL);

    decode_all (CG_ENCODING_WINDOWS_1252, bytes, sizeof bytes, 4, out, TRUE);
    g_assert_cmpstr (out->str, ==, "Zo\xC3\xA9 \xE2\x80\x93 \xE2\x80\x9Cx\xE2\x80\x9D\xE2\x82\xAC"
                                   "\xC2\x81\xC2\x8D\xC2\x8F\xC2\x90\xC2\x9D");
    g_assert_true (g_utf8_validate (out->str, out->len, NULL));
  }

  /* UTF-8 cut in the middle of characters by every chunk size. */
  for (gsize chunk = 1; chunk <= 4; chunk++)
    {
      const char *text = "Zoë – “quoted” 😀 end";
      g_autoptr(GString) out = g_string_new (NULL);

      decode_all (CG_ENCODING_UTF8, (const guint8 *)text, strlen (text), chunk, out, TRUE);
      g_assert_cmpstr (out->str, ==, text);
    }

  /* Not UTF-8 after all: the caller falls back. */
  {
    const guint8 bytes[] = { 'a', 'b', 0xE9, 'c' };
    g_autoptr(GString) out = g_string_new (NULL);

    decode_all (CG_ENCODING_UTF8, bytes, sizeof bytes, 4, out, FALSE);
  }

  /* UTF-16 both ways, with a surrogate pair, in odd-sized chunks. */
  {
    const guint8 le[] = { 'D', 0, 'a', 0, 0xE9, 0, 0x3D, 0xD8, 0x00, 0xDE, '\n', 0 };
    const guint8 be[] = { 0, 'D', 0, 'a', 0, 0xE9, 0xD8, 0x3D, 0xDE, 0x00, 0, '\n' };
    g_autoptr(GString) a = g_string_new (NULL);
    g_autoptr(GString) b = g_string_new (NULL);

    decode_all (CG_ENCODING_UTF16LE, le, sizeof le, 3, a, TRUE);
    decode_all (CG_ENCODING_UTF16BE, be, sizeof be, 5, b, TRUE);
    g_assert_cmpstr (a->str, ==, "Da\xC3\xA9\xF0\x9F\x98\x80\n");
    g_assert_cmpstr (b->str, ==, a->str);
  }

  /* Sniffing: BOMs, UTF-16 without one, and files that are not text. */
  {
    static const struct { const char *bytes; gsize len; gboolean text; CgEncoding encoding; } cases[] = {
      { "\xEF\xBB\xBF" "a,b\n", 7, TRUE, CG_ENCODING_UTF8_BOM },
      { "\xFF\xFE" "a\0,\0b\0", 8, TRUE, CG_ENCODING_UTF16LE },
      { "\xFE\xFF" "\0a\0,\0b", 8, TRUE, CG_ENCODING_UTF16BE },
      { "a\0,\0b\0\n\0", 8, TRUE, CG_ENCODING_UTF16LE },
      { "PK\x03\x04\x14\0\x06\0", 8, FALSE, 0 },
      { "%PDF-1.7\n", 9, FALSE, 0 },
      { "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8, FALSE, 0 },
      { "ab\0\0\0\0cd\0", 9, FALSE, 0 },
      { "Date,Details\n", 13, TRUE, CG_ENCODING_UTF8 },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        CgEncoding encoding;
        const char *kind = NULL;
        gboolean text = cg_encoding_sniff ((const guint8 *)cases[i].bytes, cases[i].len,
                                           &encoding, &kind);

        g_assert_cmpint (text, ==, cases[i].text);
        if (text)
          g_assert_cmpint (encoding, ==, cases[i].encoding);
        else
          g_assert_nonnull (kind);
      }
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/csv-test-data", test_csv_test_data);
  g_test_add_func ("/csv/csv-spectrum", test_csv_spectrum);
  g_test_add_func ("/csv/bad-files", test_bad_files);
  g_test_add_func ("/csv/row-numbers", test_row_numbers);
  g_test_add_func ("/csv/sniff-delimiter", test_sniff_delimiter);
  g_test_add_func ("/csv/encodings", test_encodings);

  return g_test_run ();
}
