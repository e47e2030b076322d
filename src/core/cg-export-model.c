/* cg-export-model.c: the one model every export format is written from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cg-export"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cg-errors.h"
#include "cg-export-model.h"
#include "cg-export-private.h"
#include "cg-glossary.h"

static const char * const month_names[] = {
  N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"), N_("July"),
  N_("August"), N_("September"), N_("October"), N_("November"), N_("December"),
};

static const struct
{
  const char *name;
  const char *title;
  double      weight;
} columns[CG_N_EXPORT_COLUMNS] = {
  [CG_EXPORT_COLUMN_DATE]      = { "date", N_("Date"), 8.8 },
  [CG_EXPORT_COLUMN_TIME]      = { "time", N_("Time"), 5.0 },
  [CG_EXPORT_COLUMN_AGENCY]    = { "agency", N_("Agency"), 6.2 },
  [CG_EXPORT_COLUMN_SOURCE]    = { "source", N_("Source"), 10.5 },
  [CG_EXPORT_COLUMN_TEXT]      = { "text", N_("What happened"), 33.0 },
  [CG_EXPORT_COLUMN_ACTION]    = { "action", N_("Action"), 15.5 },
  [CG_EXPORT_COLUMN_RECORDING] = { "recording", N_("Recording"), 11.0 },
  [CG_EXPORT_COLUMN_FLAGS]     = { "flags", N_("Flags"), 10.0 },
  [CG_EXPORT_COLUMN_NOTES]     = { "notes", N_("Notes"), 14.0 },
};

const char *
cg_export_column_to_string (CgExportColumn column)
{
  g_return_val_if_fail ((guint)column < CG_N_EXPORT_COLUMNS, NULL);
  return columns[column].name;
}

double
_cg_export_column_weight (CgExportColumn column)
{
  g_return_val_if_fail ((guint)column < CG_N_EXPORT_COLUMNS, 1.0);
  return columns[column].weight;
}

gboolean
cg_export_columns_from_string (const char  *text,
                               guint       *mask,
                               GError     **error)
{
  g_auto(GStrv) names = g_strsplit_set (text ? text : "", ", ", -1);
  guint result = 0;

  for (guint i = 0; names[i]; i++)
    {
      gboolean found = FALSE;

      if (*names[i] == '\0')
        continue;
      for (guint c = 0; c < CG_N_EXPORT_COLUMNS; c++)
        if (g_ascii_strcasecmp (names[i], columns[c].name) == 0
            || (c == CG_EXPORT_COLUMN_TEXT && g_ascii_strcasecmp (names[i], "what") == 0))
          {
            result |= 1u << c;
            found = TRUE;
          }
      if (!found)
        {
          g_set_error (error, CG_ERROR, CG_ERROR_INVALID,
                       _("“%s” is not a column of the chronology; the columns are date, time, "
                         "agency, source, text, action, recording, flags and notes"), names[i]);
          return FALSE;
        }
    }
  if (result == 0)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_INVALID, _("no columns were chosen"));
      return FALSE;
    }
  *mask = result;
  return TRUE;
}

/* ----------------------------------------------------------------- dates */

static char *
format_long_day (guint32 day)
{
  int y = 0, m = 0, d = 0;

  cg_date_to_ymd (day, &y, &m, &d);
  if (y == 0)
    return g_strdup (_("not known"));
  return g_strdup_printf ("%d %s %d", d, _(month_names[m - 1]), y);
}

static char *
format_month (guint32 day)
{
  int y = 0, m = 0, d = 0;

  cg_date_to_ymd (day, &y, &m, &d);
  if (y == 0)
    return g_strdup (_("not known"));
  return g_strdup_printf ("%s %d", _(month_names[m - 1]), y);
}

static char *
format_short_day (guint32 day)
{
  int y = 0, m = 0, d = 0;

  cg_date_to_ymd (day, &y, &m, &d);
  return g_strdup_printf ("%02d/%02d/%04d", d, m, y);
}

static int
year_of (guint32 day)
{
  int y = 0, m = 0, d = 0;

  cg_date_to_ymd (day, &y, &m, &d);
  return y;
}

char *
cg_export_describe_age (guint32 born,
                        guint32 day)
{
  int by, bm, bd, y, m, d;
  int months;

  if (born == 0 || day == 0)
    return g_strdup (_("age not known"));
  if (day < born)
    return g_strdup (_("before birth"));
  cg_date_to_ymd (born, &by, &bm, &bd);
  cg_date_to_ymd (day, &y, &m, &d);
  months = (y - by) * 12 + (m - bm) - (d < bd ? 1 : 0);
  if (months <= 0)
    {
      guint weeks = (day - born) / 7;

      if (weeks == 0)
        return g_strdup (_("under 1 week"));
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u week", "%u weeks", weeks), weeks);
    }
  if (months < 12)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d month", "%d months", months), months);
  if (months % 12 == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d year", "%d years", months / 12),
                            months / 12);
  {
    g_autofree char *years = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d year", "%d years",
                                                           months / 12), months / 12);
    g_autofree char *rest = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d month", "%d months",
                                                          months % 12), months % 12);
    return g_strdup_printf ("%s %s", years, rest);
  }
}

char *
cg_export_model_format_day (CgExportModel *model,
                            guint32        day)
{
  if (day == 0)
    return g_strdup (_("not set"));
  switch (model->options.dates)
    {
    case CG_EXPORT_DATES_MONTH:
      return format_month (day);
    case CG_EXPORT_DATES_YEAR:
      return g_strdup_printf ("%d", year_of (day));
    case CG_EXPORT_DATES_AGE:
      {
        g_autofree char *age = cg_export_describe_age (model->born, day);
        /* "Child A aged 2 years 6 months" */
        return g_strdup_printf (_("%s aged %s"), model->subject, age);
      }
    case CG_EXPORT_DATES_EXACT:
    default:
      return format_long_day (day);
    }
}

/* A date written in a record's text, coarsened as the options say. */
static char *
coarsen_written_date (const CgPeriod *period,
                      int             day,
                      int             month,
                      const char     *written,
                      gpointer        user_data)
{
  CgExportModel *model = user_data;

  if (period == NULL)
    {
      /* "15/07": a day and month without the year */
      if (model->options.dates == CG_EXPORT_DATES_MONTH)
        return g_strdup (_(month_names[month - 1]));
      return g_strdup (_("[date]"));
    }
  if (model->options.dates == CG_EXPORT_DATES_AGE)
    {
      g_autofree char *age = cg_export_model_format_day (model, period->start);
      return g_strdup_printf ("[%s]", age);
    }
  return cg_export_model_format_day (model, period->start);
}

char *
cg_export_model_text (CgExportModel *model,
                      const char    *text)
{
  g_autofree char *named = NULL;

  if (text == NULL)
    return NULL;
  named = model->anonymiser ? cg_anonymiser_apply (model->anonymiser, text) : g_strdup (text);
  if (model->options.dates == CG_EXPORT_DATES_EXACT)
    return g_steal_pointer (&named);
  return cg_text_map_dates (named, coarsen_written_date, model);
}

static char *
text_or_null (CgExportModel *model,
              const char    *text)
{
  if (text == NULL || *text == '\0')
    return NULL;
  return cg_export_model_text (model, text);
}

/* The date cell of a record. */
static void
event_date_cell (CgExportModel *model,
                 CgExportRow   *row)
{
  CgEvent *event = row->event;
  const CgPeriod *period = &event->date;
  CgExportCell *cell = &row->cells[CG_EXPORT_COLUMN_DATE];
  g_autofree char *shown = NULL;
  gboolean known = period->precision != CG_PRECISION_UNKNOWN && period->start != 0
                   && period->end >= period->start;

  if (!known)
    {
      g_autofree char *written = text_or_null (model, event->date_text);

      cell->lead = g_strdup (_("Not known"));
      if (written != NULL && model->options.dates == CG_EXPORT_DATES_EXACT)
        cell->text = g_strdup_printf (_("written “%s”"), written);
      return;
    }

  switch (model->options.dates)
    {
    case CG_EXPORT_DATES_MONTH:
      if (period->precision == CG_PRECISION_YEAR)
        shown = g_strdup_printf ("%d", year_of (period->start));
      else if (period->precision == CG_PRECISION_SEASON && event->date_text != NULL)
        shown = cg_export_model_text (model, event->date_text);
      else
        {
          g_autofree char *first = format_month (period->start);
          g_autofree char *last = format_month (period->end);

          shown = g_str_equal (first, last) ? g_strdup (first)
                                            : g_strdup_printf ("%s – %s", first, last);
        }
      break;
    case CG_EXPORT_DATES_YEAR:
      if (year_of (period->start) == year_of (period->end))
        shown = g_strdup_printf ("%d", year_of (period->start));
      else
        shown = g_strdup_printf ("%d–%d", year_of (period->start), year_of (period->end));
      break;
    case CG_EXPORT_DATES_AGE:
      {
        g_autofree char *age = cg_export_describe_age (model->born, period->start);

        shown = g_strdup (age);
        if (period->precision != CG_PRECISION_DAY)
          cell->text = g_strdup (_("(date not exact)"));
      }
      break;
    case CG_EXPORT_DATES_EXACT:
    default:
      switch (period->precision)
        {
        case CG_PRECISION_MONTH:
          shown = format_month (period->start);
          break;
        case CG_PRECISION_YEAR:
          shown = g_strdup_printf ("%d", year_of (period->start));
          break;
        case CG_PRECISION_SEASON:
          if (event->date_text != NULL && *event->date_text != '\0')
            {
              shown = cg_export_model_text (model, event->date_text);
              break;
            }
          G_GNUC_FALLTHROUGH;
        case CG_PRECISION_RANGE:
          {
            g_autofree char *first = format_short_day (period->start);
            g_autofree char *last = format_short_day (period->end);

            shown = g_strdup_printf ("%s – %s", first, last);
          }
          break;
        case CG_PRECISION_DAY:
        case CG_PRECISION_UNKNOWN:
        default:
          if (period->start == period->end)
            shown = format_short_day (period->start);
          else
            {
              g_autofree char *first = format_short_day (period->start);
              g_autofree char *last = format_short_day (period->end);

              shown = g_strdup_printf ("%s – %s", first, last);
            }
          break;
        }
      break;
    }
  if (period->uncertain)
    cell->lead = g_strdup_printf (_("c. %s"), shown);
  else
    cell->lead = g_steal_pointer (&shown);
}

/* The period as exported: coarsened with the dates. */
static CgPeriod
export_period (CgExportModel  *model,
               const CgPeriod *period)
{
  CgPeriod result = *period;
  int y1, m1, d1, y2, m2, d2;

  if (model->options.dates == CG_EXPORT_DATES_EXACT || period->start == 0
      || period->precision == CG_PRECISION_UNKNOWN)
    return result;
  result.time = -1;
  cg_date_to_ymd (period->start, &y1, &m1, &d1);
  cg_date_to_ymd (period->end, &y2, &m2, &d2);
  if (model->options.dates == CG_EXPORT_DATES_YEAR)
    {
      result.start = cg_date_from_ymd (y1, 1, 1);
      result.end = cg_date_from_ymd (y2, 12, 31);
      result.precision = y1 == y2 ? CG_PRECISION_YEAR : CG_PRECISION_RANGE;
      return result;
    }
  if (period->precision == CG_PRECISION_YEAR || period->precision == CG_PRECISION_SEASON)
    return result;
  result.start = cg_date_from_ymd (y1, m1, 1);
  result.end = cg_date_from_ymd (y2, m2, g_date_get_days_in_month (m2, y2));
  result.precision = (y1 == y2 && m1 == m2) ? CG_PRECISION_MONTH : CG_PRECISION_RANGE;
  return result;
}

/* --------------------------------------------------------------- agencies */

static gboolean
is_acronym (const char *word)
{
  gsize len = strlen (word);

  if (len < 2 || len > 5)
    return FALSE;
  for (const char *p = word; *p; p++)
    if (!g_ascii_isupper (*p) && *p != '&')
      return FALSE;
  return TRUE;
}

char *
cg_export_agency_code (const char *name)
{
  g_auto(GStrv) words = g_regex_split_simple ("[\\s/,()-]+", name ? name : "", 0, 0);
  GString *code = g_string_new (NULL);
  guint n_words = 0;
  const char *only = NULL;

  for (guint i = 0; words[i]; i++)
    {
      if (*words[i] == '\0' || g_ascii_strcasecmp (words[i], "and") == 0
          || g_ascii_strcasecmp (words[i], "of") == 0 || g_ascii_strcasecmp (words[i], "the") == 0
          || g_str_equal (words[i], "&"))
        continue;
      n_words++;
      only = words[i];
      if (is_acronym (words[i]))
        g_string_append (code, words[i]);
      else
        g_string_append_unichar (code, g_unichar_toupper (g_utf8_get_char (words[i])));
    }
  if (n_words == 1 && !is_acronym (only))
    {
      g_autofree char *upper = g_utf8_strup (only, -1);
      glong n = MIN (g_utf8_strlen (upper, -1), 3);

      g_string_truncate (code, 0);
      g_string_append_len (code, upper, g_utf8_offset_to_pointer (upper, n) - upper);
    }
  if (code->len == 0)
    g_string_append (code, "?");
  return g_string_free (code, FALSE);
}

static void
agency_free (CgExportAgency *agency)
{
  g_free (agency->code);
  g_free (agency->name);
  g_free (agency->files);
  g_free (agency);
}

static void
detail_free (CgExportDetail *detail)
{
  g_free (detail->label);
  g_free (detail->value);
  g_free (detail);
}

static void
add_detail (CgExportModel *model,
            const char    *label,
            char          *value)
{
  CgExportDetail *detail = g_new0 (CgExportDetail, 1);

  detail->label = g_strdup (label);
  detail->value = value;
  g_ptr_array_add (model->details, detail);
}

static CgExportAgency *
find_agency (CgExportModel *model,
             const char    *name)
{
  for (guint i = 0; i < model->agencies->len; i++)
    {
      CgExportAgency *agency = g_ptr_array_index (model->agencies, i);

      if (g_strcmp0 (agency->name, name) == 0)
        return agency;
    }
  return NULL;
}

/* One entry per agency of the review, in the order of its files. */
static void
build_agencies (CgExportModel *model)
{
  g_autoptr(GHashTable) codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < model->files->len; i++)
    {
      CgSourceFile *file = g_ptr_array_index (model->files, i);
      g_autofree char *file_name = cg_export_model_text (model, file->name);
      g_autofree char *described = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (%u row)",
                                                                 "%s (%u rows)", file->row_count),
                                                    file_name, file->row_count);
      CgExportAgency *agency = find_agency (model, file->agency);

      if (agency != NULL)
        {
          char *files = g_strdup_printf ("%s; %s", agency->files, described);

          g_free (agency->files);
          agency->files = files;
          continue;
        }
      agency = g_new0 (CgExportAgency, 1);
      agency->name = g_strdup (file->agency);
      agency->files = g_steal_pointer (&described);
      {
        g_autofree char *named = cg_export_model_text (model, file->agency);
        g_autofree char *base = cg_export_agency_code (named);

        agency->code = g_strdup (base);
        for (guint n = 2; g_hash_table_contains (codes, agency->code); n++)
          {
            g_free (agency->code);
            agency->code = g_strdup_printf ("%s%u", base, n);
          }
        g_hash_table_add (codes, g_strdup (agency->code));
      }
      g_ptr_array_add (model->agencies, agency);
    }
}

/* ------------------------------------------------------------------ rows */

static void
row_free (CgExportRow *row)
{
  for (guint i = 0; i < CG_N_EXPORT_COLUMNS; i++)
    {
      g_free (row->cells[i].lead);
      g_free (row->cells[i].text);
    }
  g_free (row->where);
  g_free (row->file_name);
  g_free (row->date_text);
  g_free (row->type);
  g_free (row->text);
  g_free (row->action);
  g_free (row->practitioner);
  g_clear_pointer (&row->fields, g_ptr_array_unref);
  g_free (row);
}

static char *
event_identity (CgEvent *event)
{
  return g_strdup_printf ("%s|%s", event->agency, event->content_hash ? event->content_hash : "");
}

static gboolean
agency_chosen (CgExportModel *model,
               const char    *agency)
{
  if (model->options.agencies == NULL || model->options.agencies[0] == NULL)
    return TRUE;
  for (guint i = 0; model->options.agencies[i]; i++)
    {
      CgExportAgency *known = find_agency (model, agency);

      if (g_utf8_collate (model->options.agencies[i], agency) == 0
          || g_ascii_strcasecmp (model->options.agencies[i], agency) == 0
          || (known != NULL && g_ascii_strcasecmp (model->options.agencies[i], known->code) == 0))
        return TRUE;
    }
  return FALSE;
}

static gboolean
check_agencies (CgExportModel  *model,
                GError        **error)
{
  for (guint i = 0; model->options.agencies && model->options.agencies[i]; i++)
    {
      const char *wanted = model->options.agencies[i];
      gboolean found = FALSE;

      for (guint k = 0; k < model->agencies->len && !found; k++)
        {
          CgExportAgency *agency = g_ptr_array_index (model->agencies, k);

          found = g_ascii_strcasecmp (wanted, agency->name) == 0
                  || g_utf8_collate (wanted, agency->name) == 0
                  || g_ascii_strcasecmp (wanted, agency->code) == 0;
        }
      if (!found)
        {
          g_autoptr(GString) names = g_string_new (NULL);

          for (guint k = 0; k < model->agencies->len; k++)
            {
              CgExportAgency *agency = g_ptr_array_index (model->agencies, k);

              g_string_append_printf (names, "%s“%s”", k > 0 ? ", " : "", agency->name);
            }
          g_set_error (error, CG_ERROR, CG_ERROR_INVALID,
                       _("the review has no agency called “%s”; its agencies are %s"),
                       wanted, names->len > 0 ? names->str : _("none yet"));
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
in_date_range (CgExportModel *model,
               CgEvent       *event)
{
  if (model->options.from == 0 && model->options.to == 0)
    return TRUE;
  if (event->date.precision == CG_PRECISION_UNKNOWN || event->date.start == 0)
    return FALSE;
  if (model->options.from != 0 && event->date.end < model->options.from)
    return FALSE;
  if (model->options.to != 0 && event->date.start > model->options.to)
    return FALSE;
  return TRUE;
}

static const char *
recording_words (CgExportRow  *row,
                 char        **detail)
{
  CgEvent *event = row->event;

  switch (event->recording)
    {
    case CG_RECORDING_RETROSPECTIVE:
      if (event->lag_days != G_MININT && event->lag_days > 0)
        *detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "written %d day after the event",
                                                "written %d days after the event",
                                                event->lag_days), event->lag_days);
      else
        *detail = g_strdup (_("an account given later"));
      return _("Retrospective");
    case CG_RECORDING_CONTEMPORANEOUS:
      if (event->lag_days != G_MININT && event->lag_days <= 0)
        *detail = g_strdup (_("written the same day"));
      else if (event->lag_days != G_MININT)
        *detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "written %d day later",
                                                "written %d days later",
                                                event->lag_days), event->lag_days);
      return _("Contemporaneous");
    case CG_RECORDING_UNKNOWN:
    default:
      *detail = g_strdup (_("date of writing not given"));
      return _("Not known");
    }
}

static void
append_line (GString    *out,
             const char *line)
{
  if (line == NULL || *line == '\0')
    return;
  if (out->len > 0)
    g_string_append_c (out, '\n');
  g_string_append (out, line);
}

static char *
string_or_null (GString *out)
{
  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

static CgCluster *
find_cluster (CgAnalysis *analysis,
              gint64      id)
{
  for (guint i = 0; id != 0 && i < analysis->clusters->len; i++)
    {
      CgCluster *cluster = g_ptr_array_index (analysis->clusters, i);

      if (cluster->id == id)
        return cluster;
    }
  return NULL;
}

static void
fill_cells (CgExportModel *model,
            CgExportRow   *row,
            GPtrArray     *flags,
            const char    *key_note)
{
  CgEvent *event = row->event;
  CgCluster *cluster = find_cluster (model->analysis, event->cluster_id);
  CgExportAgency *agency = find_agency (model, event->agency);
  g_autoptr(GString) source = g_string_new (NULL);
  g_autoptr(GString) what = g_string_new (NULL);
  g_autoptr(GString) flag_text = g_string_new (NULL);
  g_autoptr(GString) notes = g_string_new (NULL);
  g_autofree char *source_field = text_or_null (model, event->source);
  g_autofree char *comment = text_or_null (model, event->comment);
  g_autofree char *where = g_strdup_printf (_("%s, row\u00a0%u"), row->file_name, event->row);
  char *detail = NULL;
  const char *recording;

  event_date_cell (model, row);
  if (model->options.dates == CG_EXPORT_DATES_EXACT)
    row->cells[CG_EXPORT_COLUMN_TIME].text = cg_time_to_string (event->date.time);
  row->cells[CG_EXPORT_COLUMN_AGENCY].lead = g_strdup (agency ? agency->code : event->agency);

  append_line (source, where);
  append_line (source, source_field);
  append_line (source, row->practitioner);
  row->cells[CG_EXPORT_COLUMN_SOURCE].text = g_strdup (source->str);

  row->cells[CG_EXPORT_COLUMN_TEXT].lead = g_strdup (row->type);
  append_line (what, row->text);
  if (comment != NULL)
    {
      g_autofree char *line = g_strdup_printf (_("Comment: %s"), comment);
      append_line (what, line);
    }
  if (event->child_seen >= 0)
    append_line (what, event->child_seen ? _("Child seen: yes") : _("Child seen: no"));
  row->cells[CG_EXPORT_COLUMN_TEXT].text = string_or_null (g_steal_pointer (&what));
  row->cells[CG_EXPORT_COLUMN_ACTION].text = g_strdup (row->action);

  recording = recording_words (row, &detail);
  row->retrospective = event->recording == CG_RECORDING_RETROSPECTIVE;
  row->cells[CG_EXPORT_COLUMN_RECORDING].lead = g_strdup (recording);
  if (event->after_incident)
    {
      char *longer = g_strdup_printf ("%s%s%s", detail ? detail : "", detail ? "\n" : "",
                                      _("written after the critical incident"));
      g_free (detail);
      detail = longer;
    }
  row->cells[CG_EXPORT_COLUMN_RECORDING].text = detail;

  if (row->key)
    append_line (flag_text, _("Key event"));
  if (cluster != NULL && cluster->kind == CG_CLUSTER_DUPLICATE_RECORD)
    append_line (flag_text, _("Duplicate record"));
  else if (cluster != NULL)
    {
      g_autofree char *line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "Same occurrence (%u record)",
                                                            "Same occurrence (%u records)",
                                                            cluster->events->len),
                                               cluster->events->len);
      append_line (flag_text, line);
    }
  for (guint i = 0; flags && i < flags->len; i++)
    {
      CgDiscrepancy *d = g_ptr_array_index (flags, i);
      const char *label = cg_discrepancy_kind_get_label (d->kind);

      if (d->status == CG_FLAG_DISMISSED)
        continue;
      if (d->status == CG_FLAG_EXPLAINED)
        {
          g_autofree char *line = g_strdup_printf (_("%s (explained)"), label);
          append_line (flag_text, line);
        }
      else
        append_line (flag_text, label);
      if (d->note != NULL && *d->note != '\0')
        {
          g_autofree char *note = cg_export_model_text (model, d->note);
          g_autofree char *line = g_strdup_printf ("%s: %s", label, note);
          append_line (notes, line);
        }
    }
  row->cells[CG_EXPORT_COLUMN_FLAGS].text = string_or_null (g_steal_pointer (&flag_text));

  if (key_note != NULL && *key_note != '\0')
    {
      g_autofree char *note = cg_export_model_text (model, key_note);
      append_line (notes, note);
    }
  if (cluster != NULL && cluster->note != NULL && *cluster->note != '\0' && row->group_first)
    {
      g_autofree char *note = cg_export_model_text (model, cluster->note);
      append_line (notes, note);
    }
  row->cells[CG_EXPORT_COLUMN_NOTES].text = string_or_null (g_steal_pointer (&notes));
}

static CgExportRow *
row_new (CgExportModel *model,
         CgEvent       *event)
{
  CgExportRow *row = g_new0 (CgExportRow, 1);
  g_autoptr(GPtrArray) fields = cg_event_dup_fields (event);

  row->event = event;
  row->file_name = cg_export_model_text (model, event->file_name ? event->file_name : "");
  row->where = g_strdup_printf (_("%s row %u"), row->file_name, event->row);
  row->date_text = cg_export_model_text (model, event->date_text);
  row->type = text_or_null (model, event->type);
  row->text = cg_export_model_text (model, event->text);
  row->action = text_or_null (model, event->action);
  row->practitioner = text_or_null (model, event->practitioner);
  row->period = export_period (model, &event->date);
  row->fields = g_ptr_array_new_with_free_func ((GDestroyNotify)cg_field_free);
  for (guint i = 0; fields && i < fields->len; i++)
    {
      CgField *field = g_ptr_array_index (fields, i);
      CgField *copy = g_new0 (CgField, 1);

      copy->header = cg_export_model_text (model, field->header);
      copy->cell = cg_export_model_text (model, field->cell ? field->cell : "");
      g_ptr_array_add (row->fields, copy);
    }
  return row;
}

/* Each cluster's records together, where its first record comes. */
static void
order_display (CgExportModel *model)
{
  g_autoptr(GHashTable) placed = g_hash_table_new (NULL, NULL);
  guint group = 0;

  for (guint i = 0; i < model->rows->len; i++)
    {
      CgExportRow *row = g_ptr_array_index (model->rows, i);
      gint64 cluster = row->event->cluster_id;
      guint first = model->display->len;
      guint n = 0;

      if (g_hash_table_contains (placed, row))
        continue;
      if (cluster == 0)
        {
          g_hash_table_add (placed, row);
          g_ptr_array_add (model->display, row);
          continue;
        }
      for (guint k = i; k < model->rows->len; k++)
        {
          CgExportRow *other = g_ptr_array_index (model->rows, k);

          if (other->event->cluster_id != cluster || g_hash_table_contains (placed, other))
            continue;
          g_hash_table_add (placed, other);
          g_ptr_array_add (model->display, other);
          n++;
        }
      if (n < 2)
        continue;
      group++;
      for (guint k = first; k < model->display->len; k++)
        {
          CgExportRow *member = g_ptr_array_index (model->display, k);

          member->group = group;
          member->group_first = k == first;
          member->group_last = k == model->display->len - 1;
        }
    }
}

/* --------------------------------------------------------- the title block */

static void
describe_selection (CgExportModel *model,
                    guint          n_all)
{
  g_autoptr(GString) value = g_string_new (NULL);

  if (model->rows->len == n_all)
    g_string_append_printf (value, g_dngettext (GETTEXT_PACKAGE, "All %u record",
                                                "All %u records", n_all), n_all);
  else
    g_string_append_printf (value, g_dngettext (GETTEXT_PACKAGE, "%u of %u record",
                                                "%u of %u records", n_all),
                            model->rows->len, n_all);
  if (model->options.from != 0 || model->options.to != 0)
    {
      g_autofree char *from = model->options.from
                              ? cg_export_model_format_day (model, model->options.from)
                              : g_strdup (_("the start"));
      g_autofree char *to = model->options.to
                            ? cg_export_model_format_day (model, model->options.to)
                            : g_strdup (_("the end"));

      g_string_append_printf (value, _("; dated %s to %s (records without a known date left out)"),
                              from, to);
    }
  if (model->options.agencies != NULL && model->options.agencies[0] != NULL)
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < model->agencies->len; i++)
        {
          CgExportAgency *agency = g_ptr_array_index (model->agencies, i);
          g_autofree char *name = cg_export_model_text (model, agency->name);

          if (agency_chosen (model, agency->name))
            g_string_append_printf (names, "%s%s", names->len ? ", " : "", name);
        }
      g_string_append_printf (value, _("; from %s only"), names->str);
    }
  if (model->options.flagged_only && model->options.key_only)
    g_string_append (value, _("; flagged records and key events only"));
  else if (model->options.flagged_only)
    g_string_append (value, _("; flagged records only"));
  else if (model->options.key_only)
    g_string_append (value, _("; key events only"));
  add_detail (model, _("Records"), g_string_free (g_steal_pointer (&value), FALSE));
}

static void
build_details (CgExportModel *model,
               guint          n_all)
{
  CgReview *review = model->analysis->review;
  g_autoptr(GString) agencies = g_string_new (NULL);
  g_autofree char *today = format_long_day (model->options.today);
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  model->title = cg_export_model_text (model, review->title && *review->title ? review->title
                                                                              : _("Case review"));
  model->subtitle = g_strdup (_("Integrated chronology"));
  model->draft = !review->final;
  model->footer = g_strdup_printf ("%s — %s%s", model->title, model->subtitle,
                                   model->draft ? _(" — DRAFT") : "");

  add_detail (model, _("Subject"), g_strdup (model->subject));
  from = review->scope_from ? cg_export_model_format_day (model, review->scope_from) : NULL;
  to = review->scope_to ? cg_export_model_format_day (model, review->scope_to) : NULL;
  if (from && to)
    add_detail (model, _("Scope"), g_strdup_printf (_("%s to %s"), from, to));
  else if (from)
    add_detail (model, _("Scope"), g_strdup_printf (_("from %s"), from));
  else if (to)
    add_detail (model, _("Scope"), g_strdup_printf (_("until %s"), to));
  else
    add_detail (model, _("Scope"), g_strdup (_("not set")));
  if (review->incident)
    add_detail (model, _("Critical incident"),
                cg_export_model_format_day (model, review->incident));

  for (guint i = 0; i < model->agencies->len; i++)
    {
      CgExportAgency *agency = g_ptr_array_index (model->agencies, i);
      g_autofree char *name = cg_export_model_text (model, agency->name);

      g_string_append_printf (agencies, "%s%s", i > 0 ? ", " : "", name);
    }
  add_detail (model, _("Agencies"), g_strdup (agencies->len ? agencies->str : _("none yet")));
  describe_selection (model, n_all);
  add_detail (model, _("Status"),
              g_strdup (model->draft ? _("DRAFT: not yet marked final by the author")
                                     : _("Final")));
  add_detail (model, _("Exported"), g_strdup_printf (_("%s, by Chronogram %s"), today,
                                                     PACKAGE_VERSION));
  if (model->options.anonymise)
    add_detail (model, _("Anonymised"),
                g_strdup (_("Yes: people are named by their role, practitioners by role and "
                            "number, and places in the review’s glossary by placeholders")));
  else
    add_detail (model, _("Anonymised"),
                g_strdup (_("No: this chronology contains names and personal data and is not "
                            "for publication")));
  switch (model->options.dates)
    {
    case CG_EXPORT_DATES_MONTH:
      add_detail (model, _("Dates"), g_strdup (_("Month and year only; times left out")));
      break;
    case CG_EXPORT_DATES_YEAR:
      add_detail (model, _("Dates"), g_strdup (_("Year only; times left out")));
      break;
    case CG_EXPORT_DATES_AGE:
      add_detail (model, _("Dates"),
                  g_strdup_printf (_("Shown as the age of %s; times left out"), model->subject));
      break;
    case CG_EXPORT_DATES_EXACT:
    default:
      break;
    }
  add_detail (model, _("Recording"),
              g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Retrospective: written more than %d day after the "
                                            "event, or an account given later. Contemporaneous "
                                            "records carry the most weight.",
                                            "Retrospective: written more than %d days after the "
                                            "event, or an account given later. Contemporaneous "
                                            "records carry the most weight.",
                                            review->retrospective_days),
                               review->retrospective_days));
}

/* ------------------------------------------------------------- the family */

static CgPerson *
subject_person (CgFamily   *family,
                const char *subject)
{
  for (guint i = 0; family && i < family->people->len; i++)
    {
      CgPerson *person = g_ptr_array_index (family->people, i);

      if (person->subject)
        return person;
    }
  for (guint i = 0; family && subject && i < family->people->len; i++)
    {
      CgPerson *person = g_ptr_array_index (family->people, i);

      if (g_strcmp0 (person->label, subject) == 0)
        return person;
    }
  return NULL;
}

static gboolean
build_genogram (CgExportModel  *model,
                GError        **error)
{
  CgFamily *family = model->analysis->family;
  CgGenogramOptions options = { 0, };
  guint32 as_at;
  g_autofree char *day = NULL;

  if (family == NULL || family->people->len == 0)
    return TRUE;
  options.anonymise = model->options.anonymise;
  as_at = cg_genogram_default_date (model->analysis->review);
  /* the drawing's own caption coarsened as the export's dates are */
  day = cg_export_model_format_day (model, as_at);
  options.date_text = day;
  if (!(model->genogram = cg_genogram_layout (family, as_at, &options, error)))
    return FALSE;
  model->genogram_title = g_strdup_printf (_("Family genogram as at %s"), day);
  model->genogram_heading = g_strdup (_("Family genogram"));
  return TRUE;
}

/* -------------------------------------------------------------- the model */

void
cg_export_model_free (CgExportModel *model)
{
  if (model == NULL)
    return;
  g_clear_pointer (&model->options.agencies, g_strfreev);
  g_clear_pointer (&model->display, g_ptr_array_unref);
  g_clear_pointer (&model->rows, g_ptr_array_unref);
  g_clear_pointer (&model->analysis, cg_analysis_free);
  g_clear_pointer (&model->files, g_ptr_array_unref);
  g_clear_pointer (&model->issues, g_ptr_array_unref);
  g_clear_pointer (&model->anonymiser, cg_anonymiser_free);
  g_clear_pointer (&model->details, g_ptr_array_unref);
  g_clear_pointer (&model->agencies, g_ptr_array_unref);
  g_clear_pointer (&model->columns, g_array_unref);
  g_clear_pointer (&model->genogram, cg_genogram_unref);
  g_clear_pointer (&model->person_ids, g_hash_table_unref);
  for (guint i = 0; i < CG_N_EXPORT_COLUMNS; i++)
    g_free (model->column_titles[i]);
  g_free (model->genogram_title);
  g_free (model->genogram_heading);
  g_free (model->title);
  g_free (model->subtitle);
  g_free (model->footer);
  g_free (model->subject);
  g_free (model->written_sha256);
  g_free (model);
}

static void
learn_event_words (CgAnonymiser *anonymiser,
                   CgEvent      *event)
{
  const char *texts[] = { event->text, event->action, event->type, event->comment, event->source };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    cg_anonymiser_learn_words (anonymiser, texts[i]);
}

static gboolean
build_anonymiser (CgExportModel  *model,
                  CgStore        *store,
                  GError        **error)
{
  g_autoptr(CgGlossary) glossary = NULL;
  g_autoptr(GPtrArray) practitioners = g_ptr_array_new ();
  CgAnalysis *analysis = model->analysis;

  if (!(glossary = cg_store_load_glossary (store, error)))
    return FALSE;
  model->anonymiser = cg_anonymiser_new ();
  cg_anonymiser_add_family (model->anonymiser, analysis->family);
  cg_anonymiser_add_glossary (model->anonymiser, glossary);
  cg_anonymiser_add_glossary (model->anonymiser, model->options.glossary);
  for (guint i = 0; i < analysis->events->len; i++)
    {
      CgEvent *event = g_ptr_array_index (analysis->events, i);

      g_ptr_array_add (practitioners, event->practitioner);
      learn_event_words (model->anonymiser, event);
    }
  cg_anonymiser_add_practitioners (model->anonymiser, practitioners);
  /* Agency names and the files' own headers ("Occurrence Ref") are not
   * anyone's name, nor are the export's own words. */
  for (guint i = 0; i < model->files->len; i++)
    {
      CgSourceFile *file = g_ptr_array_index (model->files, i);

      cg_anonymiser_allow_words (model->anonymiser, file->agency);
      cg_anonymiser_allow_words (model->anonymiser, file->headers_json);
    }
  cg_anonymiser_allow_words (model->anonymiser, analysis->review->subject);
  cg_anonymiser_allow_words (model->anonymiser, "Chronogram");
  return TRUE;
}

static void
set_columns (CgExportModel *model)
{
  guint mask = model->options.columns ? model->options.columns : CG_EXPORT_COLUMNS_STANDARD;

  if (model->options.notes)
    mask |= 1u << CG_EXPORT_COLUMN_NOTES;
  /* Times say more than a coarsened date would. */
  if (model->options.dates != CG_EXPORT_DATES_EXACT)
    mask &= ~(1u << CG_EXPORT_COLUMN_TIME);
  if (mask == 0)
    mask = 1u << CG_EXPORT_COLUMN_TEXT;
  model->columns = g_array_new (FALSE, FALSE, sizeof (CgExportColumn));
  for (guint c = 0; c < CG_N_EXPORT_COLUMNS; c++)
    {
      if (mask & (1u << c))
        g_array_append_val (model->columns, c);
      model->column_titles[c] = g_strdup (_(columns[c].title));
    }
  if (model->options.dates == CG_EXPORT_DATES_AGE)
    {
      g_free (model->column_titles[CG_EXPORT_COLUMN_DATE]);
      model->column_titles[CG_EXPORT_COLUMN_DATE] = g_strdup_printf (_("Age of %s"),
                                                                     model->subject);
    }
}

CgExportModel *
cg_export_model_new (CgStore                *store,
                     const CgExportOptions  *options,
                     GError                **error)
{
  g_autoptr(CgExportModel) model = g_new0 (CgExportModel, 1);
  g_autoptr(GHashTable) key_events = NULL;
  g_autoptr(GHashTable) flags = NULL;
  g_autoptr(GHashTable) key_notes = g_hash_table_new (NULL, NULL);
  CgAnalysis *analysis;
  CgPerson *subject;
  CgExportOptions defaults;

  g_return_val_if_fail (CG_IS_STORE (store), NULL);

  if (options == NULL)
    {
      cg_export_options_init (&defaults);
      options = &defaults;
    }
  model->options = *options;
  model->options.agencies = g_strdupv (options->agencies);
  model->options.glossary = NULL;   /* used while building only */
  if (model->options.today == 0)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      model->options.today = cg_date_from_ymd (g_date_time_get_year (now),
                                               g_date_time_get_month (now),
                                               g_date_time_get_day_of_month (now));
    }
  if (options->from != 0 && options->to != 0 && options->from > options->to)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_INVALID,
                   _("the date range ends before it starts"));
      return NULL;
    }

  if (!(model->analysis = cg_store_load_analysis (store, error))
      || !(model->files = cg_store_load_files (store, error))
      || !(model->issues = cg_store_load_issues (store, error))
      || !(key_events = cg_store_load_key_events (store, error)))
    return NULL;
  analysis = model->analysis;

  if (options->anonymise)
    {
      model->options.glossary = options->glossary;
      if (!build_anonymiser (model, store, error))
        return NULL;
      model->options.glossary = NULL;
    }

  subject = subject_person (analysis->family, analysis->review->subject);
  if (subject != NULL && subject->label != NULL && *subject->label != '\0')
    model->subject = g_strdup (subject->label);
  else if (analysis->review->subject != NULL && *analysis->review->subject != '\0')
    model->subject = cg_export_model_text (model, analysis->review->subject);
  else
    model->subject = g_strdup (_("the subject child"));
  if (options->dates == CG_EXPORT_DATES_AGE)
    {
      guint32 first = 0, last = 0;

      if (subject == NULL || subject->born == NULL
          || !cg_family_date_range (subject->born, &first, &last) || first != last)
        {
          g_set_error (error, CG_ERROR, CG_ERROR_INVALID,
                       _("dates cannot be shown as ages: the people register does not give the "
                         "subject child’s full date of birth (born, as YYYY-MM-DD)"));
          return NULL;
        }
      model->born = first;
    }

  model->agencies = g_ptr_array_new_with_free_func ((GDestroyNotify)agency_free);
  model->details = g_ptr_array_new_with_free_func ((GDestroyNotify)detail_free);
  build_agencies (model);
  if (!check_agencies (model, error))
    return NULL;
  set_columns (model);

  /* The flags that name each record. */
  flags = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)g_ptr_array_unref);
  for (guint i = 0; i < analysis->discrepancies->len; i++)
    {
      CgDiscrepancy *d = g_ptr_array_index (analysis->discrepancies, i);

      for (guint k = 0; k < d->events->len; k++)
        {
          gpointer event = g_ptr_array_index (d->events, k);
          GPtrArray *list = g_hash_table_lookup (flags, event);

          if (list == NULL)
            {
              list = g_ptr_array_new ();
              g_hash_table_insert (flags, event, list);
            }
          g_ptr_array_add (list, d);
        }
    }

  model->rows = g_ptr_array_new_with_free_func ((GDestroyNotify)row_free);
  model->display = g_ptr_array_new ();
  for (guint i = 0; i < analysis->events->len; i++)
    {
      CgEvent *event = g_ptr_array_index (analysis->events, i);
      GPtrArray *event_flags = g_hash_table_lookup (flags, event);
      g_autofree char *identity = event_identity (event);
      g_autofree char *place = cg_event_dup_key (event);
      const char *key_note = g_hash_table_lookup (key_events, identity);
      gboolean flagged = FALSE;
      CgExportRow *row;

      if (key_note == NULL)
        key_note = g_hash_table_lookup (key_events, place);
      for (guint k = 0; event_flags && k < event_flags->len; k++)
        {
          CgDiscrepancy *d = g_ptr_array_index (event_flags, k);

          if (d->status != CG_FLAG_DISMISSED && d->kind != CG_DISCREPANCY_SILENCE)
            flagged = TRUE;
        }
      if (!agency_chosen (model, event->agency) || !in_date_range (model, event))
        continue;
      if ((options->flagged_only || options->key_only)
          && !((options->flagged_only && flagged) || (options->key_only && key_note != NULL)))
        continue;

      row = row_new (model, event);
      row->key = key_note != NULL;
      g_ptr_array_add (model->rows, row);
      if (key_note != NULL)
        g_hash_table_insert (key_notes, event, (gpointer)key_note);
    }
  order_display (model);
  for (guint i = 0; i < model->rows->len; i++)
    {
      CgExportRow *row = g_ptr_array_index (model->rows, i);
      CgExportAgency *agency = find_agency (model, row->event->agency);

      fill_cells (model, row, g_hash_table_lookup (flags, row->event),
                  g_hash_table_lookup (key_notes, row->event));
      if (agency != NULL)
        agency->n_records++;
    }

  build_details (model, analysis->events->len);

  model->person_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; analysis->family && i < analysis->family->people->len; i++)
    {
      CgPerson *person = g_ptr_array_index (analysis->family->people, i);

      g_hash_table_insert (model->person_ids, g_strdup (person->key),
                           options->anonymise ? g_strdup_printf ("p%u", i + 1)
                                              : g_strdup (person->key));
    }

  if (!build_genogram (model, error))
    return NULL;
  return g_steal_pointer (&model);
}

/* ------------------------------------------------------------- the scan */

static void
scan_cell (CgAnonymiser *scanner,
           const char   *text,
           const char   *where,
           GPtrArray    *findings)
{
  if (text != NULL && *text != '\0')
    cg_anonymiser_scan (scanner, text, where, findings);
}

GPtrArray *
cg_export_model_scan (CgExportModel  *model,
                      CgExportFormat  format)
{
  GPtrArray *findings = g_ptr_array_new_with_free_func ((GDestroyNotify)cg_finding_free);
  g_autoptr(CgAnonymiser) plain = NULL;
  CgAnonymiser *scanner = model->anonymiser;

  g_return_val_if_fail (model != NULL, findings);

  /* Without anonymisation the scan still finds numbers and postcodes. */
  if (scanner == NULL)
    scanner = plain = cg_anonymiser_new ();

  scan_cell (scanner, model->title, _("the title"), findings);
  for (guint i = 0; i < model->details->len; i++)
    {
      CgExportDetail *detail = g_ptr_array_index (model->details, i);
      scan_cell (scanner, detail->value, detail->label, findings);
    }
  for (guint i = 0; i < model->rows->len; i++)
    {
      CgExportRow *row = g_ptr_array_index (model->rows, i);

      if (format == CG_EXPORT_JSON)
        {
          for (guint k = 0; k < row->fields->len; k++)
            {
              CgField *field = g_ptr_array_index (row->fields, k);
              g_autofree char *where = g_strdup_printf ("%s, %s", row->where, field->header);

              scan_cell (scanner, field->header, row->where, findings);
              scan_cell (scanner, field->cell, where, findings);
            }
          scan_cell (scanner, row->practitioner, row->where, findings);
          continue;
        }
      for (guint k = 0; k < model->columns->len; k++)
        {
          CgExportColumn column = g_array_index (model->columns, CgExportColumn, k);
          g_autofree char *where = g_strdup_printf ("%s, %s", row->where,
                                                    model->column_titles[column]);

          if (column == CG_EXPORT_COLUMN_DATE || column == CG_EXPORT_COLUMN_TIME)
            continue;
          scan_cell (scanner, row->cells[column].lead, where, findings);
          scan_cell (scanner, row->cells[column].text, where, findings);
        }
    }
  if (format == CG_EXPORT_JSON)
    for (guint i = 0; i < model->analysis->discrepancies->len; i++)
      {
        CgDiscrepancy *d = g_ptr_array_index (model->analysis->discrepancies, i);
        g_autofree char *summary = cg_export_model_text (model, d->summary);

        scan_cell (scanner, summary, _("a flag’s summary"), findings);
      }
  return findings;
}
