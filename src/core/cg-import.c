/* cg-import.c: one agency file into the case file
 *
 * The file is read as a stream, once, inside one transaction: every data row
 * is stored as one event with its original cells while the pass takes the
 * file's SHA-256 and notes, per date column, whether the column can only be
 * read month first. A file that turns out not to be UTF-8, or a column that
 * must be month first, rolls the transaction back and the file is read again
 * knowing that. Nothing is dropped: a row whose date cannot be read is kept
 * with an unknown date and an error.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cg-import"
#define _GNU_SOURCE   /* memmem */

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <nettle/sha2.h>

#include "cg-csv.h"
#include "cg-date.h"
#include "cg-errors.h"
#include "cg-import.h"

#define CHUNK_SIZE        (1 << 20)
#define PLAN_SAMPLE_SIZE  (256 * 1024)
#define PREVIEW_ROWS      20
#define HEADER_SEARCH     30
#define CG_IMPORT_ISSUES_SHOWN 10000
/* Distinct date cells remembered per column; a chronology repeats its dates. */
#define DATE_MEMO_SIZE    8192
/* Columns, from the left, whose cell the event may keep instead of the row. */
#define CG_IMPORT_MAX_KEPT 64

/* ------------------------------------------------------------ field kinds */

static const char * const field_names[CG_N_FIELDS] = {
  "none", "date", "time", "end_date", "recorded", "agency", "source", "type", "details",
  "action", "practitioner", "child_seen", "comment",
};

const char *
cg_field_kind_to_string (CgFieldKind kind)
{
  return kind < CG_N_FIELDS ? field_names[kind] : "none";
}

CgFieldKind
cg_field_kind_from_string (const char *text)
{
  for (guint i = 0; i < CG_N_FIELDS; i++)
    if (g_strcmp0 (text, field_names[i]) == 0)
      return i;
  return CG_FIELD_NONE;
}

const char *
cg_field_kind_get_label (CgFieldKind kind)
{
  switch (kind)
    {
    case CG_FIELD_DATE:         return _("Date");
    case CG_FIELD_TIME:         return _("Time");
    case CG_FIELD_END_DATE:     return _("End date");
    case CG_FIELD_RECORDED:     return _("Date recorded");
    case CG_FIELD_AGENCY:       return _("Agency");
    case CG_FIELD_SOURCE:       return _("Source");
    case CG_FIELD_TYPE:         return _("Type");
    case CG_FIELD_DETAILS:      return _("What happened");
    case CG_FIELD_ACTION:       return _("Action or outcome");
    case CG_FIELD_PRACTITIONER: return _("Practitioner");
    case CG_FIELD_CHILD_SEEN:   return _("Child seen");
    case CG_FIELD_COMMENT:      return _("Comment");
    case CG_FIELD_NONE:
    case CG_N_FIELDS:
    default:                    return _("Not used (kept)");
    }
}

/* Header spellings seen in agencies' chronology templates, normalised to
 * lower case words. Checked before the keyword rules below. */
static const struct { const char *header; CgFieldKind kind; } known_headers[] = {
  { "date", CG_FIELD_DATE },
  { "date of contact", CG_FIELD_DATE },
  { "contact date", CG_FIELD_DATE },
  { "occurrence date", CG_FIELD_DATE },
  { "date time", CG_FIELD_DATE },
  { "date and time", CG_FIELD_DATE },
  { "date or period of event", CG_FIELD_DATE },
  { "date period of event", CG_FIELD_DATE },
  { "date of event", CG_FIELD_DATE },
  { "event date", CG_FIELD_DATE },
  { "incident date", CG_FIELD_DATE },
  { "date of incident", CG_FIELD_DATE },
  { "date of attendance", CG_FIELD_DATE },
  { "attendance date", CG_FIELD_DATE },
  { "consultation date", CG_FIELD_DATE },
  { "appointment date", CG_FIELD_DATE },
  { "when", CG_FIELD_DATE },
  { "date seen", CG_FIELD_DATE },
  { "date attended", CG_FIELD_DATE },
  { "arrival", CG_FIELD_DATE },
  { "arrival date", CG_FIELD_DATE },
  { "date of arrival", CG_FIELD_DATE },
  { "date of visit", CG_FIELD_DATE },
  { "visit date", CG_FIELD_DATE },
  { "date of call", CG_FIELD_DATE },
  { "call date", CG_FIELD_DATE },
  { "time", CG_FIELD_TIME },
  { "time of contact", CG_FIELD_TIME },
  { "time of event", CG_FIELD_TIME },
  { "time of incident", CG_FIELD_TIME },
  { "end date", CG_FIELD_END_DATE },
  { "date to", CG_FIELD_END_DATE },
  { "to date", CG_FIELD_END_DATE },
  { "date end", CG_FIELD_END_DATE },
  { "until", CG_FIELD_END_DATE },
  { "recorded", CG_FIELD_RECORDED },
  { "date recorded", CG_FIELD_RECORDED },
  { "recorded date", CG_FIELD_RECORDED },
  { "recorded on", CG_FIELD_RECORDED },
  { "entered", CG_FIELD_RECORDED },
  { "date entered", CG_FIELD_RECORDED },
  { "entered on", CG_FIELD_RECORDED },
  { "date of entry", CG_FIELD_RECORDED },
  { "entry date", CG_FIELD_RECORDED },
  { "input date", CG_FIELD_RECORDED },
  { "date input", CG_FIELD_RECORDED },
  { "date written", CG_FIELD_RECORDED },
  { "written", CG_FIELD_RECORDED },
  { "date of recording", CG_FIELD_RECORDED },
  { "documented", CG_FIELD_RECORDED },
  { "date documented", CG_FIELD_RECORDED },
  { "date typed", CG_FIELD_RECORDED },
  { "date written up", CG_FIELD_RECORDED },
  { "created", CG_FIELD_RECORDED },
  { "date created", CG_FIELD_RECORDED },
  { "agency", CG_FIELD_AGENCY },
  { "organisation", CG_FIELD_AGENCY },
  { "organization", CG_FIELD_AGENCY },
  { "service", CG_FIELD_AGENCY },
  { "source", CG_FIELD_SOURCE },
  { "source of information", CG_FIELD_SOURCE },
  { "information source", CG_FIELD_SOURCE },
  { "record source", CG_FIELD_SOURCE },
  { "type", CG_FIELD_TYPE },
  { "contact type", CG_FIELD_TYPE },
  { "type of contact", CG_FIELD_TYPE },
  { "consultation type", CG_FIELD_TYPE },
  { "event type", CG_FIELD_TYPE },
  { "type of event", CG_FIELD_TYPE },
  { "category", CG_FIELD_TYPE },
  { "record type", CG_FIELD_TYPE },
  { "details", CG_FIELD_DETAILS },
  { "detail", CG_FIELD_DETAILS },
  { "event", CG_FIELD_DETAILS },
  { "significant event", CG_FIELD_DETAILS },
  { "event details", CG_FIELD_DETAILS },
  { "details of event", CG_FIELD_DETAILS },
  { "details of contact", CG_FIELD_DETAILS },
  { "contact", CG_FIELD_DETAILS },
  { "contact details", CG_FIELD_DETAILS },
  { "summary", CG_FIELD_DETAILS },
  { "description", CG_FIELD_DETAILS },
  { "record", CG_FIELD_DETAILS },
  { "narrative", CG_FIELD_DETAILS },
  { "what happened", CG_FIELD_DETAILS },
  { "information", CG_FIELD_DETAILS },
  { "note", CG_FIELD_DETAILS },
  { "entry", CG_FIELD_DETAILS },
  { "case note", CG_FIELD_DETAILS },
  { "case notes", CG_FIELD_DETAILS },
  { "presenting complaint", CG_FIELD_DETAILS },
  { "observation", CG_FIELD_DETAILS },
  { "observations", CG_FIELD_DETAILS },
  { "occurrence", CG_FIELD_DETAILS },
  { "occurrence details", CG_FIELD_DETAILS },
  { "incident details", CG_FIELD_DETAILS },
  { "entry details", CG_FIELD_DETAILS },
  { "chronology entry", CG_FIELD_DETAILS },
  { "key information", CG_FIELD_DETAILS },
  { "nature of contact", CG_FIELD_DETAILS },
  { "reason for contact", CG_FIELD_DETAILS },
  { "action", CG_FIELD_ACTION },
  { "action taken", CG_FIELD_ACTION },
  { "actions", CG_FIELD_ACTION },
  { "outcome", CG_FIELD_ACTION },
  { "action outcome", CG_FIELD_ACTION },
  { "outcome action", CG_FIELD_ACTION },
  { "action taken outcome", CG_FIELD_ACTION },
  { "outcome action taken", CG_FIELD_ACTION },
  { "decision", CG_FIELD_ACTION },
  { "plan", CG_FIELD_ACTION },
  { "response", CG_FIELD_ACTION },
  { "practitioner", CG_FIELD_PRACTITIONER },
  { "worker", CG_FIELD_PRACTITIONER },
  { "officer", CG_FIELD_PRACTITIONER },
  { "clinician", CG_FIELD_PRACTITIONER },
  { "midwife", CG_FIELD_PRACTITIONER },
  { "health visitor", CG_FIELD_PRACTITIONER },
  { "social worker", CG_FIELD_PRACTITIONER },
  { "nurse", CG_FIELD_PRACTITIONER },
  { "doctor", CG_FIELD_PRACTITIONER },
  { "staff", CG_FIELD_PRACTITIONER },
  { "staff member", CG_FIELD_PRACTITIONER },
  { "professional", CG_FIELD_PRACTITIONER },
  { "author", CG_FIELD_PRACTITIONER },
  { "recorded by", CG_FIELD_PRACTITIONER },
  { "entered by", CG_FIELD_PRACTITIONER },
  { "completed by", CG_FIELD_PRACTITIONER },
  { "practitioner name", CG_FIELD_PRACTITIONER },
  { "practitioner role", CG_FIELD_PRACTITIONER },
  { "role", CG_FIELD_PRACTITIONER },
  { "child seen", CG_FIELD_CHILD_SEEN },
  { "seen", CG_FIELD_CHILD_SEEN },
  { "seen y n", CG_FIELD_CHILD_SEEN },
  { "child seen y n", CG_FIELD_CHILD_SEEN },
  { "was the child seen", CG_FIELD_CHILD_SEEN },
  { "child seen alone", CG_FIELD_CHILD_SEEN },
  { "comment", CG_FIELD_COMMENT },
  { "comments", CG_FIELD_COMMENT },
  { "agency comment", CG_FIELD_COMMENT },
  { "analysis", CG_FIELD_COMMENT },
  { "notes", CG_FIELD_COMMENT },
  { "remarks", CG_FIELD_COMMENT },
  { "reviewer comment", CG_FIELD_COMMENT },
  { "significance", CG_FIELD_COMMENT },
};

static char *
normalise_header (const char *header)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = header; *p; p++)
    {
      if (g_ascii_isalnum (*p))
        {
          if (space && out->len > 0)
            g_string_append_c (out, ' ');
          g_string_append_c (out, g_ascii_tolower (*p));
          space = FALSE;
        }
      else
        space = TRUE;
    }
  return g_string_free (out, FALSE);
}

static gboolean
has_word (const char *normalised,
          const char *word)
{
  gsize n = strlen (word);

  for (const char *p = strstr (normalised, word); p; p = strstr (p + 1, word))
    if ((p == normalised || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
      return TRUE;
  return FALSE;
}

CgFieldKind
cg_field_kind_guess (const char *header)
{
  g_autofree char *h = normalise_header (header ? header : "");

  if (*h == '\0')
    return CG_FIELD_NONE;

  for (guint i = 0; i < G_N_ELEMENTS (known_headers); i++)
    if (strcmp (h, known_headers[i].header) == 0)
      return known_headers[i].kind;

  /* Keyword rules for the spellings the table does not list. A date column
   * first: "Date seen" is when, not whether. */
  if (has_word (h, "date") || has_word (h, "dated"))
    {
      if (has_word (h, "recorded") || has_word (h, "entered") || has_word (h, "entry") ||
          has_word (h, "input") || has_word (h, "written") || has_word (h, "created") ||
          has_word (h, "recording") || has_word (h, "documented") || has_word (h, "typed"))
        return CG_FIELD_RECORDED;
      if (has_word (h, "end") || has_word (h, "to") || has_word (h, "until"))
        return CG_FIELD_END_DATE;
      if (has_word (h, "birth") || has_word (h, "dob"))
        return CG_FIELD_NONE;
      return CG_FIELD_DATE;
    }
  if (has_word (h, "by"))
    return CG_FIELD_PRACTITIONER;
  if (has_word (h, "seen"))
    return CG_FIELD_CHILD_SEEN;
  if (has_word (h, "time"))
    return CG_FIELD_TIME;
  if (has_word (h, "action") || has_word (h, "outcome"))
    return CG_FIELD_ACTION;
  if (has_word (h, "comment") || has_word (h, "comments") || has_word (h, "analysis"))
    return CG_FIELD_COMMENT;
  if (has_word (h, "details") || has_word (h, "summary") || has_word (h, "description") ||
      has_word (h, "narrative") || has_word (h, "event") || has_word (h, "note") ||
      has_word (h, "notes") || has_word (h, "complaint"))
    return CG_FIELD_DETAILS;
  if (has_word (h, "practitioner") || has_word (h, "worker") || has_word (h, "officer") ||
      has_word (h, "clinician"))
    return CG_FIELD_PRACTITIONER;
  if (has_word (h, "type"))
    return CG_FIELD_TYPE;
  if (has_word (h, "source"))
    return CG_FIELD_SOURCE;
  return CG_FIELD_NONE;
}

/* ---------------------------------------------------------------- reading */

typedef gboolean (*ScanRowFunc) (guint               row,
                                 const char * const *cells,
                                 guint               n_cells,
                                 gboolean            stray_quote,
                                 gpointer            user_data,
                                 GError            **error);

/* @len bytes as 2 * @len lower-case hexadecimal digits and a NUL. */
static void
hex_digest (const guint8 *digest,
            gsize         len,
            char         *out)
{
  static const char hex[] = "0123456789abcdef";

  for (gsize i = 0; i < len; i++)
    {
      out[2 * i] = hex[digest[i] >> 4];
      out[2 * i + 1] = hex[digest[i] & 0xf];
    }
  out[2 * len] = '\0';
}

typedef struct
{
  const char       *path;
  const char       *name;
  CgEncoding        encoding;
  gboolean          encoding_fixed;   /* the author chose it, or a BOM says so */
  char              delimiter;
  guint64           limit;            /* stop after this many bytes, 0: the whole file */
  struct sha256_ctx *checksum;       /* of the bytes read, or NULL */
  GCancellable     *cancellable;
  CgImportProgress  progress;
  gpointer          progress_data;
  double            progress_base;
  double            progress_share;
  /* out */
  gboolean          not_utf8;         /* the file must be read again as Windows-1252 */
  gboolean          truncated;
  gboolean          replacement_seen; /* some text read so far holds U+FFFD */
} Scan;

static gboolean
set_file_error (GError     **error,
                const char  *name,
                int          code,
                const char  *message)
{
  g_set_error (error, CG_ERROR, code, "%s: %s", name, message);
  return FALSE;
}

/* The byte-order mark the file really starts with. Found by fuzzing: UTF-16
 * recognised by its zero bytes, or an encoding the author chose, has none, and
 * skipping one anyway lost the file's first character ("Date" read "ate"). */
static gsize
bom_length (CgEncoding    encoding,
            const guint8 *data,
            gsize         len)
{
  switch (encoding)
    {
    case CG_ENCODING_UTF8_BOM: return len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    case CG_ENCODING_UTF16LE:  return len >= 2 && data[0] == 0xFF && data[1] == 0xFE ? 2 : 0;
    case CG_ENCODING_UTF16BE:  return len >= 2 && data[0] == 0xFE && data[1] == 0xFF ? 2 : 0;
    case CG_ENCODING_UTF8:
    case CG_ENCODING_WINDOWS_1252:
    default:                   return 0;
    }
}

/* Reads the file in chunks through the decoder into the CSV reader. */
static gboolean
scan_file (Scan         *scan,
           ScanRowFunc   func,
           gpointer      user_data,
           GError      **error)
{
  g_autoptr(CgCsvReader) reader = cg_csv_reader_new (scan->delimiter, func, user_data);
  g_autoptr(CgDecoder) decoder = cg_decoder_new (scan->encoding);
  g_autoptr(GString) text = g_string_sized_new (CHUNK_SIZE + 16);
  g_autofree guint8 *buffer = g_malloc (CHUNK_SIZE);
  guint64 done = 0, total = 0;
  gboolean first = TRUE;
  FILE *fp;
  struct stat st;

  fp = g_fopen (scan->path, "rb");
  if (fp == NULL)
    {
      int saved = errno;
      return set_file_error (error, scan->name, CG_ERROR_FAILED, g_strerror (saved));
    }
  if (fstat (fileno (fp), &st) == 0)
    total = st.st_size;

  scan->not_utf8 = FALSE;
  scan->truncated = FALSE;
  scan->replacement_seen = FALSE;

  while (TRUE)
    {
      gsize want = CHUNK_SIZE, n, skip = 0;
      gboolean last;

      if (scan->limit && done + want > scan->limit)
        want = scan->limit - done;
      n = want > 0 ? fread (buffer, 1, want, fp) : 0;
      if (n < want && ferror (fp))
        {
          int saved = errno;
          fclose (fp);
          return set_file_error (error, scan->name, CG_ERROR_FAILED, g_strerror (saved));
        }
      last = n < CHUNK_SIZE || (scan->limit && done + n >= scan->limit);
      if (scan->limit && done + n >= scan->limit && !feof (fp))
        {
          int c = fgetc (fp);
          if (c != EOF)
            scan->truncated = TRUE;
        }

      if (scan->checksum != NULL)
        sha256_update (scan->checksum, n, buffer);
      if (first)
        {
          skip = bom_length (scan->encoding, buffer, n);
          first = FALSE;
        }

      g_string_truncate (text, 0);
      if (!cg_decoder_decode (decoder, buffer + skip, n - skip, last && !scan->truncated, text))
        {
          fclose (fp);
          scan->not_utf8 = TRUE;
          /* callers that can retry as Windows-1252 clear this */
          return set_file_error (error, scan->name, CG_ERROR_NOT_TEXT,
                                 _("the file is not valid text in the encoding it was read in "
                                   "(did it change while it was being imported?)"));
        }
      /* Kept on once seen: a row may have begun in an earlier chunk. */
      scan->replacement_seen |= memmem (text->str, text->len, "\xEF\xBF\xBD", 3) != NULL;
      if (!cg_csv_reader_feed (reader, text->str, text->len, error))
        {
          fclose (fp);
          g_prefix_error (error, "%s: ", scan->name);
          return FALSE;
        }
      done += n;
      if (cg_csv_reader_is_done (reader))
        {
          fclose (fp);
          return TRUE;   /* the row function has all it wanted */
        }

      if (scan->progress != NULL && total > 0)
        scan->progress (scan->progress_base + scan->progress_share * ((double)done / total),
                        scan->progress_data);
      if (g_cancellable_set_error_if_cancelled (scan->cancellable, error))
        {
          fclose (fp);
          return FALSE;
        }
      if (last)
        break;
    }
  fclose (fp);

  if (scan->truncated)
    return TRUE;   /* a sample for the plan: an open quote may close later */

  if (!cg_csv_reader_finish (reader, error))
    {
      g_prefix_error (error, "%s: ", scan->name);
      return FALSE;
    }
  return TRUE;
}

/* Runs a scan; a "UTF-8" file that turns out not to be falls back to Windows-1252. */
static gboolean
scan_file_with_fallback (Scan         *scan,
                         ScanRowFunc   func,
                         gpointer      user_data,
                         void        (*reset) (gpointer),
                         GError      **error)
{
  g_autoptr(GError) local = NULL;

  if (scan_file (scan, func, user_data, &local))
    return TRUE;
  if (!scan->not_utf8)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (scan->encoding_fixed)
    {
      g_autofree char *message =
        g_strdup_printf (_("the file is not valid %s text; choose another encoding"),
                         cg_encoding_to_string (scan->encoding));
      return set_file_error (error, scan->name, CG_ERROR_NOT_TEXT, message);
    }
  scan->encoding = CG_ENCODING_WINDOWS_1252;
  if (scan->checksum)
    sha256_init (scan->checksum);
  if (reset)
    reset (user_data);
  return scan_file (scan, func, user_data, error);
}

/* ------------------------------------------------------------------ plan */

static gboolean
row_is_blank (const char * const *cells,
              guint               n_cells)
{
  for (guint i = 0; i < n_cells; i++)
    for (const char *p = cells[i]; *p; p++)
      if (!g_ascii_isspace (*p))
        return FALSE;
  return TRUE;
}

static guint
count_filled (const char * const *cells,
              guint               n_cells)
{
  guint n = 0;

  for (guint i = 0; i < n_cells; i++)
    if (!row_is_blank (&cells[i], 1))
      n++;
  return n;
}

typedef struct
{
  GPtrArray *rows;      /* GStrv */
  GArray    *numbers;   /* guint */
  guint      max_rows;
} Sample;

static gboolean
sample_row_cb (guint               row,
               const char * const *cells,
               guint               n_cells,
               gboolean            stray_quote,
               gpointer            user_data,
               GError            **error)
{
  Sample *sample = user_data;

  if (row_is_blank (cells, n_cells))
    return TRUE;
  g_ptr_array_add (sample->rows, g_strdupv ((char **)cells));
  g_array_append_val (sample->numbers, row);
  /* enough rows to find the header and show a preview: stop reading */
  return sample->rows->len < sample->max_rows;
}

static void
sample_reset (gpointer user_data)
{
  Sample *sample = user_data;

  g_ptr_array_set_size (sample->rows, 0);
  g_array_set_size (sample->numbers, 0);
}

static guint
header_score (const char * const *cells)
{
  guint score = 0;

  for (guint i = 0; cells[i]; i++)
    if (cg_field_kind_guess (cells[i]) != CG_FIELD_NONE)
      score++;
  return score;
}

/* The header is the first row that names at least two known columns; failing
 * that, the first row with two or more filled cells (a preamble line such as
 * "Name of child: ..." fills one). */
static int
find_header (Sample *sample)
{
  guint n = MIN (sample->rows->len, HEADER_SEARCH);

  for (guint i = 0; i < n; i++)
    if (header_score (g_ptr_array_index (sample->rows, i)) >= 2)
      return i;
  for (guint i = 0; i < n; i++)
    if (header_score (g_ptr_array_index (sample->rows, i)) >= 1)
      return i;
  for (guint i = 0; i < n; i++)
    {
      const char * const *cells = g_ptr_array_index (sample->rows, i);
      if (count_filled (cells, g_strv_length ((char **)cells)) >= 2)
        return i;
    }
  return n > 0 ? 0 : -1;
}

/* Header cells up to the last filled one; blanks become "Column N", repeats "Name (2)". */
static GPtrArray *
make_headers (const char * const *cells)
{
  GPtrArray *headers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) next_number = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = g_strv_length ((char **)cells);

  while (n > 0 && row_is_blank (&cells[n - 1], 1))
    n--;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (cells[i]));
      char *name;

      if (*stripped == '\0')
        name = g_strdup_printf (_("Column %u"), i + 1);
      else
        name = g_strdup (stripped);

      if (g_hash_table_contains (seen, name))
        {
          /* "Date", "Date (2)", "Date (3)": each name remembers its next number,
           * so a file of 100,000 equal headers takes no longer than any other */
          g_autofree char *base = name;
          guint k = MAX (2, GPOINTER_TO_UINT (g_hash_table_lookup (next_number, base)));

          for (name = g_strdup_printf ("%s (%u)", base, k);
               g_hash_table_contains (seen, name);
               name = g_strdup_printf ("%s (%u)", base, ++k))
            g_free (name);
          g_hash_table_replace (next_number, g_strdup (base), GUINT_TO_POINTER (k + 1));
        }
      g_ptr_array_add (headers, name);
      g_hash_table_add (seen, name);
    }
  return headers;
}

static GArray *
guess_mapping (GPtrArray *headers)
{
  GArray *mapping = g_array_sized_new (FALSE, TRUE, sizeof (CgFieldKind), headers->len);
  gboolean taken[CG_N_FIELDS] = { FALSE };

  for (guint i = 0; i < headers->len; i++)
    {
      CgFieldKind kind = cg_field_kind_guess (g_ptr_array_index (headers, i));

      /* the first column of a kind wins; later ones are kept unmapped */
      if (kind != CG_FIELD_NONE && taken[kind])
        kind = CG_FIELD_NONE;
      taken[kind] = TRUE;
      g_array_append_val (mapping, kind);
    }
  return mapping;
}

/* The record's text is the column agencies fill with sentences. When no
 * header says so, or the one that does ("Contact") holds a word or two beside
 * a column of sentences ("Note"), the column with the longest cells wins. */
static void
refine_details (CgImportPlan *plan)
{
  guint n = plan->headers->len;
  g_autofree double *average = g_new0 (double, n);
  int details = -1, longest = -1;

  if (plan->preview->len == 0)
    return;
  for (guint r = 0; r < plan->preview->len; r++)
    {
      char **cells = g_ptr_array_index (plan->preview, r);

      for (guint c = 0; c < n && cells[c]; c++)
        average[c] += g_utf8_strlen (cells[c], -1) / (double)plan->preview->len;
    }
  for (guint c = 0; c < n; c++)
    {
      CgFieldKind kind = g_array_index (plan->mapping, CgFieldKind, c);

      if (kind == CG_FIELD_DETAILS)
        details = c;
      if (kind != CG_FIELD_NONE && kind != CG_FIELD_DETAILS && kind != CG_FIELD_COMMENT &&
          kind != CG_FIELD_TYPE && kind != CG_FIELD_SOURCE)
        continue;
      if (longest < 0 || average[c] > average[longest])
        longest = c;
    }
  if (longest < 0 || longest == details || average[longest] < 20)
    return;
  if (details >= 0 && average[details] >= 0.6 * average[longest])
    return;

  if (details >= 0)
    {
      gboolean type_taken = FALSE;

      for (guint c = 0; c < n; c++)
        type_taken |= g_array_index (plan->mapping, CgFieldKind, c) == CG_FIELD_TYPE;
      g_array_index (plan->mapping, CgFieldKind, details) = type_taken ? CG_FIELD_NONE
                                                                       : CG_FIELD_TYPE;
    }
  g_array_index (plan->mapping, CgFieldKind, longest) = CG_FIELD_DETAILS;
}

static void
plan_clear_sample (CgImportPlan *plan)
{
  g_clear_pointer (&plan->headers, g_ptr_array_unref);
  g_clear_pointer (&plan->mapping, g_array_unref);
  g_clear_pointer (&plan->preview, g_ptr_array_unref);
  g_clear_pointer (&plan->preview_rows, g_array_unref);
}

/* Reads the start of the file and works out the header row (unless @header_row
 * is not 0), the headers, the mapping and a preview. */
static gboolean
plan_read_sample (CgImportPlan  *plan,
                  guint          header_row,
                  GError       **error)
{
  Sample sample = { 0 };
  Scan scan = { 0 };
  int header_index = -1;

  sample.rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  sample.numbers = g_array_new (FALSE, FALSE, sizeof (guint));
  sample.max_rows = HEADER_SEARCH + PREVIEW_ROWS + 1;

  scan.path = plan->path;
  scan.name = plan->name;
  scan.encoding = plan->encoding;
  scan.encoding_fixed = plan->encoding != CG_ENCODING_UTF8;
  scan.delimiter = plan->delimiter;
  scan.limit = PLAN_SAMPLE_SIZE;

  if (!scan_file_with_fallback (&scan, sample_row_cb, &sample, sample_reset, error))
    goto fail;
  plan->encoding = scan.encoding;

  if (header_row == 0)
    header_index = find_header (&sample);
  else
    for (guint i = 0; i < sample.numbers->len; i++)
      if (g_array_index (sample.numbers, guint, i) == header_row)
        header_index = i;

  if (header_index < 0)
    {
      if (header_row == 0 && scan.truncated && sample.rows->len == 0)
        g_set_error (error, CG_ERROR, CG_ERROR_NO_HEADER,
                     _("%s: no row ends within the first %u KiB of the file, so it has no "
                       "header row a chronology could have; nothing was imported"),
                     plan->name, PLAN_SAMPLE_SIZE / 1024);
      else if (header_row == 0)
        g_set_error (error, CG_ERROR, CG_ERROR_NO_HEADER,
                     _("%s: the file has no rows with any text, so there is no header to read; "
                       "nothing was imported"), plan->name);
      else
        g_set_error (error, CG_ERROR, CG_ERROR_NO_HEADER,
                     _("%s: row %u is blank or beyond the first rows, so it cannot be the header"),
                     plan->name, header_row);
      goto fail;
    }

  plan_clear_sample (plan);
  plan->header_row = g_array_index (sample.numbers, guint, header_index);
  plan->headers = make_headers (g_ptr_array_index (sample.rows, header_index));
  plan->mapping = guess_mapping (plan->headers);
  plan->preview = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  plan->preview_rows = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = header_index + 1; i < sample.rows->len && plan->preview->len < PREVIEW_ROWS; i++)
    {
      g_ptr_array_add (plan->preview, g_strdupv (g_ptr_array_index (sample.rows, i)));
      g_array_append_val (plan->preview_rows, g_array_index (sample.numbers, guint, i));
    }
  refine_details (plan);

  if (plan->headers->len == 0)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_NO_HEADER,
                   _("%s: row %u has no column names, so it cannot be the header"),
                   plan->name, plan->header_row);
      goto fail;
    }

  g_ptr_array_unref (sample.rows);
  g_array_unref (sample.numbers);
  return TRUE;

fail:
  g_ptr_array_unref (sample.rows);
  g_array_unref (sample.numbers);
  return FALSE;
}

CgImportPlan *
cg_import_plan_new (const char  *path,
                    GError     **error)
{
  g_autoptr(CgImportPlan) plan = g_new0 (CgImportPlan, 1);
  g_autofree guint8 *head = NULL;
  const char *binary_kind = NULL;
  struct stat st;
  gsize n = 0;
  FILE *fp;

  g_return_val_if_fail (path != NULL, NULL);

  plan->path = g_strdup (path);
  plan->name = g_path_get_basename (path);

  if (g_stat (path, &st) != 0)
    {
      int saved = errno;
      set_file_error (error, plan->name, saved == ENOENT ? CG_ERROR_NOT_FOUND : CG_ERROR_FAILED,
                      g_strerror (saved));
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      set_file_error (error, plan->name, CG_ERROR_NOT_TEXT, _("this is not a regular file"));
      return NULL;
    }
  plan->size = st.st_size;

  fp = g_fopen (path, "rb");
  if (fp == NULL)
    {
      int saved = errno;
      set_file_error (error, plan->name, CG_ERROR_FAILED, g_strerror (saved));
      return NULL;
    }
  head = g_malloc (PLAN_SAMPLE_SIZE);
  n = fread (head, 1, PLAN_SAMPLE_SIZE, fp);
  fclose (fp);

  if (n == 0)
    {
      set_file_error (error, plan->name, CG_ERROR_NO_HEADER,
                      _("the file is empty; nothing was imported"));
      return NULL;
    }
  if (!cg_encoding_sniff (head, n, &plan->encoding, &binary_kind))
    {
      g_autofree char *message = g_strdup_printf (_("this file is %s; nothing was imported"),
                                                  binary_kind);
      set_file_error (error, plan->name, CG_ERROR_NOT_TEXT, message);
      return NULL;
    }

  /* The delimiter is sniffed from the decoded start of the file. */
  {
    g_autoptr(CgDecoder) decoder = cg_decoder_new (plan->encoding);
    g_autoptr(GString) text = g_string_new (NULL);
    gsize skip = bom_length (plan->encoding, head, n);

    if (!cg_decoder_decode (decoder, head + skip, n - skip, FALSE, text))
      {
        g_autoptr(CgDecoder) fallback = cg_decoder_new (CG_ENCODING_WINDOWS_1252);

        plan->encoding = CG_ENCODING_WINDOWS_1252;
        g_string_truncate (text, 0);
        cg_decoder_decode (fallback, head, n, FALSE, text);
      }
    plan->delimiter = cg_csv_sniff_delimiter (text->str, text->len);
  }

  if (!plan_read_sample (plan, 0, error))
    return NULL;

  return g_steal_pointer (&plan);
}

gboolean
cg_import_plan_set_header_row (CgImportPlan  *plan,
                               guint          row,
                               GError       **error)
{
  g_return_val_if_fail (plan != NULL, FALSE);

  return plan_read_sample (plan, row, error);
}

gboolean
cg_import_plan_set_encoding (CgImportPlan  *plan,
                             CgEncoding     encoding,
                             GError       **error)
{
  CgEncoding old = plan->encoding;

  g_return_val_if_fail (plan != NULL, FALSE);

  plan->encoding = encoding;
  if (!plan_read_sample (plan, plan->header_row, error))
    {
      plan->encoding = old;
      return FALSE;
    }
  return TRUE;
}

void
cg_import_plan_set_field (CgImportPlan *plan,
                          guint         column,
                          CgFieldKind   kind)
{
  g_return_if_fail (plan != NULL);
  g_return_if_fail (column < plan->mapping->len);

  /* One column per kind: the one chosen last wins. */
  if (kind != CG_FIELD_NONE)
    for (guint i = 0; i < plan->mapping->len; i++)
      if (g_array_index (plan->mapping, CgFieldKind, i) == kind)
        g_array_index (plan->mapping, CgFieldKind, i) = CG_FIELD_NONE;
  g_array_index (plan->mapping, CgFieldKind, column) = kind;
}

char *
cg_import_plan_dup_mapping_json (CgImportPlan *plan)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  for (guint i = 0; i < plan->headers->len; i++)
    {
      json_builder_set_member_name (builder, g_ptr_array_index (plan->headers, i));
      json_builder_add_string_value (builder,
                                     cg_field_kind_to_string (g_array_index (plan->mapping,
                                                                             CgFieldKind, i)));
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* A saved profile maps header names to fields; headers it does not name keep their guess. */
gboolean
cg_import_plan_apply_profile (CgImportPlan  *plan,
                              const char    *mapping_json,
                              GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;

  if (!json_parser_load_from_data (parser, mapping_json, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, CG_ERROR, CG_ERROR_INVALID, _("The column profile is damaged"));
      return FALSE;
    }
  object = json_node_get_object (json_parser_get_root (parser));
  for (guint i = 0; i < plan->headers->len; i++)
    {
      const char *header = g_ptr_array_index (plan->headers, i);

      if (json_object_has_member (object, header))
        cg_import_plan_set_field (plan, i,
                                  cg_field_kind_from_string (json_object_get_string_member_with_default (object, header, "none")));
    }
  return TRUE;
}

void
cg_import_plan_free (CgImportPlan *plan)
{
  if (plan == NULL)
    return;
  plan_clear_sample (plan);
  g_free (plan->path);
  g_free (plan->name);
  g_free (plan);
}

/* ---------------------------------------------------------------- import */

typedef struct
{
  guint day_only;
  guint month_only;
  guint first_month_only_row;
  char *first_month_only_text;
  CgDateOrder order;
} ColumnOrder;

/* What one date cell reads as, worked out once per distinct text. */
typedef struct
{
  gboolean       have_readings;
  CgDateReadings readings;
  gboolean       have_period;
  CgDateStatus   status;
  CgPeriod       period;
  char          *reason;
} DateMemo;

static void
date_memo_free (DateMemo *memo)
{
  g_free (memo->reason);
  g_free (memo);
}

typedef struct
{
  CgImportPlan   *plan;
  CgStoreImport  *import;
  const char     *agency;
  GPtrArray      *issues;
  guint           n_events;
  int             column_of[CG_N_FIELDS];   /* header index of each field, or -1 */
  ColumnOrder     orders[CG_N_FIELDS];      /* for the date fields */
  GHashTable     *date_memos[CG_N_FIELDS];  /* text → DateMemo, for the date fields */
  GString        *json;                     /* the current row's cells */
  GArray         *cell_ends;                /* gsize: where each cell ends in json */
  GPtrArray      *header_json;              /* char*: each header as a JSON string */
  GString        *stored;                   /* the cells as stored: kept ones null */
  CgFieldKind     kept[CG_IMPORT_MAX_KEPT]; /* per column: the kind the event keeps it as */
  struct sha256_ctx hash;
  const gboolean *replacement_seen;
  char           *quick_reason;             /* of the last date read quickly */         /* the scan's: is there any U+FFFD to look for */
  char            content_hash[33];         /* of the current row */
  guint           n_issues;
  GError         *store_error;               /* writing an issue failed */
} Importer;

/* The memo of a date cell of a column: the column's order is fixed for the
 * whole pass, so a text reads the same on every row. */
static DateMemo *
date_memo (Importer    *self,
           CgFieldKind  kind,
           const char  *text)
{
  DateMemo *memo;

  if (self->date_memos[kind] == NULL)
    self->date_memos[kind] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                    (GDestroyNotify)date_memo_free);
  if ((memo = g_hash_table_lookup (self->date_memos[kind], text)) != NULL)
    return memo;
  if (g_hash_table_size (self->date_memos[kind]) >= DATE_MEMO_SIZE)
    g_hash_table_remove_all (self->date_memos[kind]);
  memo = g_new0 (DateMemo, 1);
  g_hash_table_insert (self->date_memos[kind], g_strdup (text), memo);
  return memo;
}

static CgDateReadings
date_readings (Importer    *self,
               CgFieldKind  kind,
               const char  *text)
{
  CgDateStatus day_first, month_first;
  DateMemo *memo;

  /* Digits-only days are quicker read than remembered. */
  if (cg_date_parse_quick (text, CG_DATE_ORDER_DAY_FIRST, NULL, &day_first, NULL) &&
      cg_date_parse_quick (text, CG_DATE_ORDER_MONTH_FIRST, NULL, &month_first, NULL))
    return (day_first == CG_DATE_OK ? CG_DATE_READS_DAY_FIRST : 0) |
           (month_first == CG_DATE_OK ? CG_DATE_READS_MONTH_FIRST : 0);

  memo = date_memo (self, kind, text);
  if (!memo->have_readings)
    {
      memo->readings = cg_date_readings (text);
      memo->have_readings = TRUE;
    }
  return memo->readings;
}

/* cg_date_parse() in the column's order, serial numbers allowed; @reason is
 * owned by the memo. */
static CgDateStatus
date_parse (Importer     *self,
            CgFieldKind   kind,
            const char   *text,
            CgPeriod     *period,
            const char  **reason)
{
  CgDateStatus status;
  DateMemo *memo;

  g_clear_pointer (&self->quick_reason, g_free);
  if (cg_date_parse_quick (text, self->orders[kind].order, period, &status, &self->quick_reason))
    {
      if (reason != NULL)
        *reason = self->quick_reason;
      return status;
    }

  memo = date_memo (self, kind, text);
  if (!memo->have_period)
    {
      memo->status = cg_date_parse (text, self->orders[kind].order, CG_DATE_PARSE_ALLOW_SERIAL,
                                    &memo->period, &memo->reason);
      memo->have_period = TRUE;
    }
  *period = memo->period;
  if (reason != NULL)
    *reason = memo->reason;
  return memo->status;
}

static void
add_issue (Importer   *self,
           guint       row,
           CgSeverity  severity,
           const char *message)
{
  g_autoptr(CgImportIssue) issue = cg_import_issue_new (self->plan->name, row, severity, message);

  /* Straight into the case file, inside the import's transaction: a file with
   * a problem on every row must not fill the memory. Only the first ones are
   * kept to show. */
  self->n_issues++;
  if (self->import != NULL && self->store_error == NULL &&
      !cg_store_import_add_issue (self->import, issue, &self->store_error))
    return;
  if (self->issues->len < CG_IMPORT_ISSUES_SHOWN)
    g_ptr_array_add (self->issues, g_steal_pointer (&issue));
}

static const char *
cell_of (Importer           *self,
         CgFieldKind         kind,
         const char * const *cells,
         guint               n_cells)
{
  int column = self->column_of[kind];

  if (column < 0 || (guint)column >= n_cells)
    return NULL;
  return cells[column];
}

static gboolean
is_blank (const char *text)
{
  return text == NULL || row_is_blank (&text, 1);
}

static gboolean
data_row (Importer           *self,
          guint               row,
          const char * const *cells,
          guint               n_cells)
{
  return row > self->plan->header_row && !row_is_blank (cells, n_cells);
}

static void
note_reading (Importer    *self,
              CgFieldKind  kind,
              guint        row,
              const char  *text)
{
  ColumnOrder *order = &self->orders[kind];
  CgDateReadings readings;

  /* One cell that can only be day first settles the column: it stays day
   * first whatever the other rows hold. */
  if (order->day_only > 0 || is_blank (text))
    return;
  readings = date_readings (self, kind, text);
  if (readings == CG_DATE_READS_DAY_FIRST)
    order->day_only++;
  else if (readings == CG_DATE_READS_MONTH_FIRST)
    {
      if (order->month_only++ == 0)
        {
          order->first_month_only_row = row;
          order->first_month_only_text = g_strdup (text);
        }
    }
}

/* Pass one: which date columns can only be read month first. */
static gboolean
survey_row_cb (guint               row,
               const char * const *cells,
               guint               n_cells,
               gboolean            stray_quote,
               gpointer            user_data,
               GError            **error)
{
  Importer *self = user_data;
  static const CgFieldKind date_fields[] = { CG_FIELD_DATE, CG_FIELD_END_DATE, CG_FIELD_RECORDED };

  if (!data_row (self, row, cells, n_cells))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (date_fields); i++)
    note_reading (self, date_fields[i], row, cell_of (self, date_fields[i], cells, n_cells));
  return TRUE;
}

static void
survey_reset (gpointer user_data)
{
  Importer *self = user_data;

  for (guint i = 0; i < CG_N_FIELDS; i++)
    {
      g_clear_pointer (&self->orders[i].first_month_only_text, g_free);
      memset (&self->orders[i], 0, sizeof self->orders[i]);
      g_clear_pointer (&self->date_memos[i], g_hash_table_unref);
    }
}

static void
append_json_string (GString    *out,
                    const char *text)
{
  const char *run = text;
  const char *p;

  g_string_append_c (out, '"');
  for (p = text; *p; p++)
    {
      unsigned char c = *p;

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;
      g_string_append_len (out, run, p - run);
      run = p + 1;
      switch (c)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:    g_string_append_printf (out, "\\u%04x", c);
        }
    }
  g_string_append_len (out, run, p - run);
  g_string_append_c (out, '"');
}

/* The cell without the spaces around it, borrowed; no value when blank. */
static CgStoreText
trimmed (const char *text)
{
  CgStoreText span = { NULL, 0 };
  const char *end;

  if (text == NULL)
    return span;
  while (g_ascii_isspace (*text))
    text++;
  end = text + strlen (text);
  while (end > text && g_ascii_isspace (end[-1]))
    end--;
  if (end > text)
    {
      span.str = text;
      span.len = end - text;
    }
  return span;
}

static int
parse_child_seen (const char *text)
{
  static const char * const yes[] = { "y", "yes", "seen", "true", "1", "child seen", "seen alone" };
  static const char * const no[] = { "n", "no", "not seen", "false", "0", "child not seen", "unseen" };
  CgStoreText t = trimmed (text);

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    if ((int)strlen (yes[i]) == t.len && g_ascii_strncasecmp (t.str, yes[i], t.len) == 0)
      return 1;
  for (guint i = 0; i < G_N_ELEMENTS (no); i++)
    if ((int)strlen (no[i]) == t.len && g_ascii_strncasecmp (t.str, no[i], t.len) == 0)
      return 0;
  return -1;
}

static void
read_date (Importer    *self,
           guint        row,
           const char  *text,
           CgStoreRow  *record)
{
  const char *reason = NULL;
  g_autofree char *message = NULL;
  CgDateStatus status;

  if (is_blank (text))
    {
      record->date.precision = CG_PRECISION_UNKNOWN;
      message = self->column_of[CG_FIELD_DATE] < 0
                ? g_strdup (_("the file has no date column, so this record has no date"))
                : g_strdup (_("the date cell is empty, so the record has no date"));
      add_issue (self, row, CG_SEVERITY_ERROR, message);
      return;
    }

  status = date_parse (self, CG_FIELD_DATE, text, &record->date, &reason);
  if (status == CG_DATE_OK)
    return;

  record->date.start = record->date.end = 0;
  record->date.precision = CG_PRECISION_UNKNOWN;
  if (status == CG_DATE_IMPOSSIBLE)
    message = g_strdup_printf (_("the date “%s” is not a real date (%s); the record is kept "
                                 "with an unknown date"), text, reason ? reason : "");
  else
    message = g_strdup_printf (_("the date “%s” cannot be read (%s); the record is kept "
                                 "with an unknown date"), text, reason ? reason : "");
  add_issue (self, row, CG_SEVERITY_ERROR, message);
}

static void
read_extra_dates (Importer           *self,
                  guint               row,
                  const char * const *cells,
                  guint               n_cells,
                  CgStoreRow         *record)
{
  const char *end_text = cell_of (self, CG_FIELD_END_DATE, cells, n_cells);
  const char *time_text = cell_of (self, CG_FIELD_TIME, cells, n_cells);
  const char *recorded_text = cell_of (self, CG_FIELD_RECORDED, cells, n_cells);

  if (!is_blank (time_text))
    {
      int minutes;

      if (cg_time_parse (time_text, &minutes))
        record->date.time = minutes;
      else
        {
          g_autofree char *message =
            g_strdup_printf (_("the time “%s” cannot be read; the record is kept without a time"),
                             time_text);
          add_issue (self, row, CG_SEVERITY_WARNING, message);
        }
    }

  if (!is_blank (end_text) && record->date.start != 0)
    {
      CgPeriod end = { 0 };

      if (date_parse (self, CG_FIELD_END_DATE, end_text, &end, NULL) == CG_DATE_OK &&
          end.end >= record->date.start)
        {
          if (end.end > record->date.end)
            {
              record->date.end = end.end;
              record->date.precision = CG_PRECISION_RANGE;
            }
          record->date.uncertain |= end.uncertain;
        }
      else
        {
          g_autofree char *message =
            g_strdup_printf (_("the end date “%s” cannot be read or is before the start; "
                               "the record keeps its start date only"), end_text);
          add_issue (self, row, CG_SEVERITY_WARNING, message);
        }
    }

  if (!is_blank (recorded_text))
    {
      CgPeriod recorded = { 0 };

      record->recorded_text = recorded_text;
      if (date_parse (self, CG_FIELD_RECORDED, recorded_text, &recorded, NULL) == CG_DATE_OK)
        record->recorded = recorded.start;
      else
        {
          g_autofree char *message =
            g_strdup_printf (_("the date recorded “%s” cannot be read; whether the record is "
                               "contemporaneous is unknown"), recorded_text);
          add_issue (self, row, CG_SEVERITY_WARNING, message);
        }
    }
}

/* The row's cells as stored: a JSON array in file order, up to the last cell
 * that holds anything right of the headers. Its content hash is the one case
 * files have always used: the first 128 bits of the SHA-256 of
 * {"<header>": "<cell>", ..., "Column N": "<extra cell>"}, fed to the hash
 * piece by piece rather than written out. */
static void
build_fields (Importer           *self,
              guint               row,
              const char * const *cells,
              guint               n_cells,
              CgStoreRow         *record)
{
  guint n_headers = self->header_json->len;
  guint n_stored = MIN (n_cells, n_headers);
  guint extra = 0;
  guint8 digest[16];

  for (guint i = n_headers; i < n_cells; i++)
    if (!is_blank (cells[i]))
      {
        n_stored = i + 1;
        extra++;
      }

  g_string_truncate (self->json, 0);
  g_array_set_size (self->cell_ends, 0);
  g_string_append_c (self->json, '[');
  for (guint i = 0; i < n_stored; i++)
    {
      if (i > 0)
        g_string_append_c (self->json, ',');
      append_json_string (self->json, cells[i]);
      g_array_append_val (self->cell_ends, self->json->len);
    }
  g_string_append_c (self->json, ']');
  record->cells_json.str = self->json->str;
  record->cells_json.len = self->json->len;

  sha256_init (&self->hash);
  sha256_update (&self->hash, 1, (const guint8 *)"{");
  for (guint i = 0; i < n_stored || i < n_headers; i++)
    {
      const char *header = i < n_headers ? g_ptr_array_index (self->header_json, i) : NULL;
      g_autofree char *extra_header = NULL;
      gsize start, end;

      if (i >= n_headers)
        {
          if (is_blank (cells[i]))
            continue;   /* empty columns right of the last header are not data */
          {
            g_autofree char *name = g_strdup_printf (_("Column %u"), i + 1);
            GString *quoted = g_string_new (NULL);

            append_json_string (quoted, name);
            extra_header = g_string_free (quoted, FALSE);
          }
          header = extra_header;
        }
      if (i > 0)
        sha256_update (&self->hash, 1, (const guint8 *)",");
      sha256_update (&self->hash, strlen (header), (const guint8 *)header);
      sha256_update (&self->hash, 1, (const guint8 *)":");
      if (i < n_stored)
        {
          /* the cell as written into the array: after "[" or "," */
          start = i == 0 ? 1 : g_array_index (self->cell_ends, gsize, i - 1) + 1;
          end = g_array_index (self->cell_ends, gsize, i);
          sha256_update (&self->hash, end - start, (const guint8 *)self->json->str + start);
        }
      else
        {
          sha256_update (&self->hash, 2, (const guint8 *)"\"\"");
        }
    }
  sha256_update (&self->hash, 1, (const guint8 *)"}");
  sha256_digest (&self->hash, sizeof digest, digest);
  hex_digest (digest, sizeof digest, self->content_hash);
  record->content_hash = self->content_hash;

  if (n_cells < n_headers)
    {
      g_autofree char *message =
        g_strdup_printf (_("the row has %u cells but the header has %u; the missing cells are "
                           "kept empty"), n_cells, n_headers);
      add_issue (self, row, CG_SEVERITY_WARNING, message);
    }
  else if (extra > 0)
    {
      g_autofree char *message =
        g_strdup_printf (_("the row has more cells than the header (%u); the extra cells are "
                           "kept under “Column N” names"), n_headers);
      add_issue (self, row, CG_SEVERITY_WARNING, message);
    }
}

/* The text the row stores for @kind, as cg_event_get_kept_cell() reads it back. */
static CgStoreText
row_text (const CgStoreRow *record,
          CgFieldKind       kind)
{
  CgStoreText text = { NULL, -1 };

  switch ((int)kind)
    {
    case CG_FIELD_DATE:         text.str = record->date_text; break;
    case CG_FIELD_RECORDED:     text.str = record->recorded_text; break;
    case CG_FIELD_SOURCE:       return record->source;
    case CG_FIELD_TYPE:         return record->type;
    case CG_FIELD_DETAILS:      return record->text;
    case CG_FIELD_ACTION:       return record->action;
    case CG_FIELD_PRACTITIONER: return record->practitioner;
    case CG_FIELD_COMMENT:      return record->comment;
    default:                    break;
    }
  return text;
}

/* The cells as stored: a cell the event keeps exactly as written (most
 * details, types and dates) is written once, in the event's column, and
 * stands as null in the array; cg_event_dup_fields() puts it back. */
static void
compact_fields (Importer           *self,
                const char * const *cells,
                guint               n_cells,
                CgStoreRow         *record)
{
  guint n_stored = self->cell_ends->len;

  g_string_truncate (self->stored, 0);
  g_string_append_c (self->stored, '[');
  for (guint i = 0; i < n_stored; i++)
    {
      gsize start = i == 0 ? 1 : g_array_index (self->cell_ends, gsize, i - 1) + 1;
      gsize end = g_array_index (self->cell_ends, gsize, i);
      gboolean kept = FALSE;

      if (i < G_N_ELEMENTS (self->kept) && self->kept[i] != CG_FIELD_NONE && *cells[i] != '\0')
        {
          CgStoreText text = row_text (record, self->kept[i]);
          gsize len = strlen (cells[i]);

          kept = text.str != NULL && (text.len < 0 ? strcmp (text.str, cells[i]) == 0
                                                   : (gsize)text.len == len &&
                                                     memcmp (text.str, cells[i], len) == 0);
        }
      if (i > 0)
        g_string_append_c (self->stored, ',');
      if (kept)
        g_string_append (self->stored, "null");
      else
        g_string_append_len (self->stored, self->json->str + start, end - start);
    }
  g_string_append_c (self->stored, ']');
  record->cells_json.str = self->stored->str;
  record->cells_json.len = self->stored->len;
}

static gboolean
import_row_cb (guint               row,
               const char * const *cells,
               guint               n_cells,
               gboolean            stray_quote,
               gpointer            user_data,
               GError            **error)
{
  Importer *self = user_data;
  CgStoreRow record = { 0 };
  const char *seen;

  if (!data_row (self, row, cells, n_cells))
    return TRUE;
  survey_row_cb (row, cells, n_cells, stray_quote, user_data, error);

  record.row = row;
  record.date.time = -1;
  record.child_seen = -1;
  record.date_text = cell_of (self, CG_FIELD_DATE, cells, n_cells);

  build_fields (self, row, cells, n_cells, &record);
  if (stray_quote)
    add_issue (self, row, CG_SEVERITY_WARNING,
               _("a quote mark (\") inside a cell is not doubled as CSV requires; the cell is "
                 "kept as written"));
  for (guint i = 0; *self->replacement_seen && i < n_cells; i++)
    if (strstr (cells[i], "\xEF\xBF\xBD") != NULL)
      {
        add_issue (self, row, CG_SEVERITY_WARNING,
                   _("some characters could not be read as text and show as “\xEF\xBF\xBD”"));
        break;
      }

  read_date (self, row, record.date_text, &record);
  read_extra_dates (self, row, cells, n_cells, &record);

  record.type = trimmed (cell_of (self, CG_FIELD_TYPE, cells, n_cells));
  record.source = trimmed (cell_of (self, CG_FIELD_SOURCE, cells, n_cells));
  record.text = trimmed (cell_of (self, CG_FIELD_DETAILS, cells, n_cells));
  record.action = trimmed (cell_of (self, CG_FIELD_ACTION, cells, n_cells));
  record.practitioner = trimmed (cell_of (self, CG_FIELD_PRACTITIONER, cells, n_cells));
  record.comment = trimmed (cell_of (self, CG_FIELD_COMMENT, cells, n_cells));

  seen = cell_of (self, CG_FIELD_CHILD_SEEN, cells, n_cells);
  if (!is_blank (seen))
    {
      record.child_seen = parse_child_seen (seen);
      if (record.child_seen < 0)
        {
          g_autofree char *message =
            g_strdup_printf (_("“%s” in the child seen column is neither yes nor no"), seen);
          add_issue (self, row, CG_SEVERITY_WARNING, message);
        }
    }

  compact_fields (self, cells, n_cells, &record);
  if (!cg_store_import_add_row (self->import, &record, error))
    return FALSE;
  self->n_events++;
  return TRUE;
}

/* After a pass: does any date column have to be read month first? Returns
 * TRUE when that changes how the pass read it, so the pass must be redone. */
static gboolean
decide_orders (Importer *self)
{
  gboolean changed = FALSE;

  for (guint kind = 0; kind < CG_N_FIELDS; kind++)
    {
      ColumnOrder *order = &self->orders[kind];

      if (order->month_only > 0 && order->day_only == 0 &&
          order->order != CG_DATE_ORDER_MONTH_FIRST)
        {
          order->order = CG_DATE_ORDER_MONTH_FIRST;
          changed = TRUE;
        }
    }
  return changed;
}

static void
note_month_first_columns (Importer *self)
{
  for (guint kind = 0; kind < CG_N_FIELDS; kind++)
    {
      ColumnOrder *order = &self->orders[kind];

      if (order->order == CG_DATE_ORDER_MONTH_FIRST)
        {
          const char *header = g_ptr_array_index (self->plan->headers, self->column_of[kind]);
          g_autofree char *message =
            g_strdup_printf (_("the column “%s” holds “%s”, which can only be month first, and no "
                               "date that can only be day first, so the whole column was read "
                               "month first (American order)"),
                             header, order->first_month_only_text);

          add_issue (self, order->first_month_only_row, CG_SEVERITY_WARNING, message);
        }
    }
}

static int
compare_issues (gconstpointer a,
                gconstpointer b)
{
  const CgImportIssue *ia = *(const CgImportIssue * const *)a;
  const CgImportIssue *ib = *(const CgImportIssue * const *)b;

  return ia->row < ib->row ? -1 : ia->row > ib->row ? 1 : 0;
}

void
cg_import_result_free (CgImportResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->issues, g_ptr_array_unref);
  g_free (result->encoding);
  g_free (result);
}

char *
cg_import_issue_format (const CgImportIssue *issue)
{
  if (issue->row == 0)
    return g_strdup_printf ("%s: %s", issue->file, issue->message);
  return g_strdup_printf ("%s:%u: %s", issue->file, issue->row, issue->message);
}

static char *
dup_headers_json (GPtrArray *headers)
{
  GString *out = g_string_new ("[");

  for (guint i = 0; i < headers->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      append_json_string (out, g_ptr_array_index (headers, i));
    }
  g_string_append_c (out, ']');
  return g_string_free (out, FALSE);
}

gboolean
cg_import_run (CgStore           *store,
               CgImportPlan      *plan,
               const char        *agency,
               GCancellable      *cancellable,
               CgImportProgress   progress,
               gpointer           user_data,
               CgImportResult   **result,
               GError           **error)
{
  g_autoptr(CgStoreImport) import = NULL;
  g_autoptr(CgSourceFile) file = g_new0 (CgSourceFile, 1);
  struct sha256_ctx sha;
  guint8 file_digest[SHA256_DIGEST_SIZE];
  char file_hex[2 * SHA256_DIGEST_SIZE + 1];
  Importer self = { 0 };
  Scan scan = { 0 };
  gboolean ok = FALSE;
  char delimiter[2] = { plan->delimiter, '\0' };

  g_return_val_if_fail (CG_IS_STORE (store), FALSE);
  g_return_val_if_fail (plan != NULL && plan->headers != NULL, FALSE);
  g_return_val_if_fail (agency != NULL && *agency, FALSE);

  self.plan = plan;
  self.agency = agency;
  self.issues = g_ptr_array_new_with_free_func ((GDestroyNotify)cg_import_issue_free);
  self.json = g_string_sized_new (1024);
  self.cell_ends = g_array_new (FALSE, FALSE, sizeof (gsize));
  self.stored = g_string_sized_new (1024);
  self.header_json = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < plan->headers->len; i++)
    {
      GString *quoted = g_string_new (NULL);

      append_json_string (quoted, g_ptr_array_index (plan->headers, i));
      g_ptr_array_add (self.header_json, g_string_free (quoted, FALSE));
    }
  for (guint i = 0; i < CG_N_FIELDS; i++)
    self.column_of[i] = -1;
  for (guint i = 0; i < plan->mapping->len; i++)
    {
      CgFieldKind kind = g_array_index (plan->mapping, CgFieldKind, i);
      if (kind != CG_FIELD_NONE && self.column_of[kind] < 0)
        self.column_of[kind] = i;
    }
  /* Only the first column of a kind is read into the event. */
  for (guint kind = 0; kind < CG_N_FIELDS; kind++)
    if (self.column_of[kind] >= 0 && self.column_of[kind] < CG_IMPORT_MAX_KEPT &&
        cg_event_keeps_cell (kind))
      self.kept[self.column_of[kind]] = kind;

  scan.path = plan->path;
  scan.name = plan->name;
  scan.encoding = plan->encoding;
  scan.encoding_fixed = plan->encoding != CG_ENCODING_UTF8;
  scan.delimiter = plan->delimiter;
  scan.checksum = &sha;
  self.replacement_seen = &scan.replacement_seen;
  scan.cancellable = cancellable;
  scan.progress = progress;
  scan.progress_data = user_data;
  scan.progress_share = 1.0;

  /* One pass, inside one transaction, in the common case. The rare file
   * that turns out not to be UTF-8, or whose dates can only be month first,
   * is rolled back and read again knowing that; so is nothing half-stored
   * when a quote is never closed. */
  for (guint attempt = 0; ; attempt++)
    {
      gboolean read;

      g_clear_pointer (&import, cg_store_import_free);
      g_ptr_array_set_size (self.issues, 0);
      self.n_issues = 0;
      g_clear_error (&self.store_error);
      self.n_events = 0;
      sha256_init (&sha);
      {
        CgDateOrder kept[CG_N_FIELDS];

        for (guint k = 0; k < CG_N_FIELDS; k++)
          kept[k] = self.orders[k].order;
        survey_reset (&self);
        for (guint k = 0; k < CG_N_FIELDS; k++)
          self.orders[k].order = kept[k];
      }

      g_clear_pointer (&file->encoding, g_free);
      g_clear_pointer (&file->sha256, g_free);
      file->agency = file->agency ? file->agency : g_strdup (agency);
      file->name = file->name ? file->name : g_strdup (plan->name);
      file->sha256 = g_strdup ("");
      file->encoding = g_strdup (cg_encoding_to_string (scan.encoding));
      file->delimiter = file->delimiter ? file->delimiter : g_strdup (delimiter);
      file->header_row = plan->header_row;
      if (file->headers_json == NULL)
        file->headers_json = dup_headers_json (plan->headers);
      if (file->mapping_json == NULL)
        file->mapping_json = cg_import_plan_dup_mapping_json (plan);

      if (!(import = cg_store_import_begin (store, file, error)))
        goto out;
      self.import = import;

      {
        g_autoptr(GError) local = NULL;

        read = scan_file (&scan, import_row_cb, &self, &local);
        if (!read && scan.not_utf8 && !scan.encoding_fixed && attempt < 3)
          {
            scan.encoding = CG_ENCODING_WINDOWS_1252;
            scan.encoding_fixed = TRUE;
            continue;
          }
        if (!read && scan.not_utf8)
          {
            g_autofree char *message =
              g_strdup_printf (_("the file is not valid %s text; choose another encoding"),
                               cg_encoding_to_string (scan.encoding));
            set_file_error (error, plan->name, CG_ERROR_NOT_TEXT, message);
            goto out;
          }
        if (!read)
          {
            g_propagate_error (error, g_steal_pointer (&local));
            goto out;
          }
      }
      if (decide_orders (&self) && attempt < 3)
        continue;
      break;
    }
  note_month_first_columns (&self);
  sha256_digest (&sha, sizeof file_digest, file_digest);
  hex_digest (file_digest, sizeof file_digest, file_hex);
  if (!cg_store_import_set_identity (import, file_hex,
                                     cg_encoding_to_string (scan.encoding), error))
    goto out;

  if (self.store_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self.store_error));
      goto out;
    }
  g_ptr_array_sort (self.issues, compare_issues);
  {
    g_autofree char *detail = g_strdup_printf ("%s: %s (%u rows)", agency, plan->name,
                                               self.n_events);
    if (!cg_store_log (store, "import", detail, error))
      goto out;
  }
  if (!cg_store_import_commit (import, self.n_events, error))
    goto out;

  if (result != NULL)
    {
      *result = g_new0 (CgImportResult, 1);
      (*result)->n_events = self.n_events;
      (*result)->issues = g_ptr_array_ref (self.issues);
      (*result)->n_issues = self.n_issues;
      (*result)->encoding = g_strdup (cg_encoding_to_string (scan.encoding));
      (*result)->delimiter = plan->delimiter;
      (*result)->header_row = plan->header_row;
    }
  plan->encoding = scan.encoding;
  ok = TRUE;

out:
  survey_reset (&self);
  g_ptr_array_unref (self.issues);
  g_clear_error (&self.store_error);
  g_string_free (self.json, TRUE);
  g_array_unref (self.cell_ends);
  g_string_free (self.stored, TRUE);
  g_free (self.quick_reason);
  g_ptr_array_unref (self.header_json);
  return ok;
}

gboolean
cg_import_file (CgStore          *store,
                const char       *path,
                const char       *agency,
                CgImportResult  **result,
                GError          **error)
{
  g_autoptr(CgImportPlan) plan = NULL;
  g_autofree char *profile = NULL;

  if (!(plan = cg_import_plan_new (path, error)))
    return FALSE;

  /* A profile saved under the agency's name corrects the guessed mapping. */
  profile = cg_store_dup_profile (store, agency, NULL);
  if (profile != NULL && !cg_import_plan_apply_profile (plan, profile, error))
    return FALSE;

  return cg_import_run (store, plan, agency, NULL, NULL, NULL, result, error);
}
