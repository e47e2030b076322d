/* cg-export.c: the integrated chronology as JSON (the contract's version 1) and CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cg-export"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "cg-analysis.h"
#include "cg-errors.h"
#include "cg-export.h"
#include "cg-family.h"

gboolean
cg_export_format_from_string (const char     *text,
                              CgExportFormat *format)
{
  if (g_ascii_strcasecmp (text, "json") == 0)
    *format = CG_EXPORT_JSON;
  else if (g_ascii_strcasecmp (text, "csv") == 0)
    *format = CG_EXPORT_CSV;
  else
    return FALSE;
  return TRUE;
}

/* Replaces @path atomically, readable by its owner only. */
gboolean
cg_export_write_bytes (const char  *path,
                       const char  *data,
                       gsize        len,
                       GError     **error)
{
  g_autoptr(GError) local = NULL;

  if (!g_file_set_contents_full (path, data, len,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_ONLY_EXISTING,
                                 0600, &local))
    {
      g_autofree char *name = g_path_get_basename (path);

      g_set_error (error, CG_ERROR,
                   g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOSPC)
                   ? CG_ERROR_NO_SPACE : CG_ERROR_FAILED,
                   _("%s: the export could not be written: %s"), name, local->message);
      return FALSE;
    }
  return TRUE;
}

static void
add_day (JsonBuilder *builder,
         const char  *member,
         guint32      day)
{
  g_autofree char *iso = cg_date_to_iso (day);

  json_builder_set_member_name (builder, member);
  if (iso)
    json_builder_add_string_value (builder, iso);
  else
    json_builder_add_null_value (builder);
}

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static char *
event_id (CgEvent *event)
{
  return g_strdup_printf ("e%" G_GINT64_FORMAT, event->id);
}

static void
add_event_ids (JsonBuilder *builder,
               GPtrArray   *events)
{
  json_builder_begin_array (builder);
  for (guint i = 0; i < events->len; i++)
    {
      g_autofree char *id = event_id (g_ptr_array_index (events, i));
      json_builder_add_string_value (builder, id);
    }
  json_builder_end_array (builder);
}

static void
add_case (JsonBuilder    *builder,
          const CgReview *review)
{
  json_builder_set_member_name (builder, "case");
  json_builder_begin_object (builder);
  add_string (builder, "title", review->title);
  add_string (builder, "subject", review->subject);
  add_day (builder, "scope_from", review->scope_from);
  add_day (builder, "scope_to", review->scope_to);
  add_day (builder, "incident_date", review->incident);
  json_builder_set_member_name (builder, "retrospective_days");
  json_builder_add_int_value (builder, review->retrospective_days);
  json_builder_end_object (builder);
}

static void
add_agencies (JsonBuilder *builder,
              GPtrArray   *files)
{
  json_builder_set_member_name (builder, "agencies");
  json_builder_begin_array (builder);
  for (guint i = 0; i < files->len; )
    {
      CgSourceFile *first = g_ptr_array_index (files, i);

      json_builder_begin_object (builder);
      add_string (builder, "name", first->agency);
      json_builder_set_member_name (builder, "files");
      json_builder_begin_array (builder);
      for (; i < files->len; i++)
        {
          CgSourceFile *file = g_ptr_array_index (files, i);

          if (g_strcmp0 (file->agency, first->agency) != 0)
            break;
          json_builder_begin_object (builder);
          add_string (builder, "name", file->name);
          add_string (builder, "sha256", file->sha256);
          json_builder_set_member_name (builder, "rows");
          json_builder_add_int_value (builder, file->row_count);
          add_string (builder, "encoding", file->encoding);
          add_string (builder, "delimiter", file->delimiter);
          json_builder_set_member_name (builder, "header_row");
          json_builder_add_int_value (builder, file->header_row);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_event (JsonBuilder *builder,
           CgEvent     *event)
{
  g_autofree char *id = event_id (event);
  g_autofree char *time = cg_time_to_string (event->date.time);
  JsonNode *fields;

  json_builder_begin_object (builder);
  add_string (builder, "id", id);
  add_string (builder, "agency", event->agency);

  json_builder_set_member_name (builder, "source");
  json_builder_begin_object (builder);
  add_string (builder, "file", event->file_name);
  json_builder_set_member_name (builder, "row");
  json_builder_add_int_value (builder, event->row);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "date");
  json_builder_begin_object (builder);
  add_day (builder, "start", event->date.start);
  add_day (builder, "end", event->date.end);
  add_string (builder, "precision", cg_precision_to_string (event->date.precision));
  json_builder_set_member_name (builder, "uncertain");
  json_builder_add_boolean_value (builder, event->date.uncertain);
  add_string (builder, "text", event->date_text ? event->date_text : "");
  json_builder_end_object (builder);

  add_string (builder, "time", time);
  add_day (builder, "recorded", event->recorded);
  add_string (builder, "recording", cg_recording_to_string (event->recording));
  json_builder_set_member_name (builder, "lag_days");
  if (event->lag_days != G_MININT)
    json_builder_add_int_value (builder, event->lag_days);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "after_incident");
  json_builder_add_boolean_value (builder, event->after_incident);
  add_string (builder, "type", event->type);
  add_string (builder, "text", event->text ? event->text : "");
  add_string (builder, "action", event->action);
  add_string (builder, "practitioner", event->practitioner);
  json_builder_set_member_name (builder, "child_seen");
  if (event->child_seen >= 0)
    json_builder_add_boolean_value (builder, event->child_seen == 1);
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "people");
  json_builder_begin_array (builder);
  for (guint i = 0; event->people && i < event->people->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (event->people, i));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "cluster");
  if (event->cluster_id)
    {
      g_autofree char *cid = g_strdup_printf ("c%" G_GINT64_FORMAT, event->cluster_id);
      json_builder_add_string_value (builder, cid);
    }
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "fields");
  fields = event->fields_json ? json_from_string (event->fields_json, NULL) : NULL;
  if (fields != NULL)
    json_builder_add_value (builder, fields);
  else
    {
      json_builder_begin_object (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
}

static void
add_clusters (JsonBuilder *builder,
              GPtrArray   *clusters)
{
  json_builder_set_member_name (builder, "clusters");
  json_builder_begin_array (builder);
  for (guint i = 0; i < clusters->len; i++)
    {
      CgCluster *cluster = g_ptr_array_index (clusters, i);
      g_autofree char *id = g_strdup_printf ("c%" G_GINT64_FORMAT, cluster->id);

      json_builder_begin_object (builder);
      add_string (builder, "id", id);
      add_string (builder, "kind", cg_cluster_kind_to_string (cluster->kind));
      json_builder_set_member_name (builder, "events");
      add_event_ids (builder, cluster->events);
      add_string (builder, "decision", cluster->decision == CG_DECISION_CONFIRMED ? "confirmed" : "auto");
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_discrepancies (JsonBuilder *builder,
                   GPtrArray   *discrepancies)
{
  json_builder_set_member_name (builder, "discrepancies");
  json_builder_begin_array (builder);
  for (guint i = 0; i < discrepancies->len; i++)
    {
      CgDiscrepancy *d = g_ptr_array_index (discrepancies, i);
      g_autofree char *id = g_strdup_printf ("d%" G_GINT64_FORMAT, d->id);

      json_builder_begin_object (builder);
      add_string (builder, "id", id);
      add_string (builder, "kind", cg_discrepancy_kind_to_string (d->kind));
      json_builder_set_member_name (builder, "events");
      add_event_ids (builder, d->events);
      add_string (builder, "summary", d->summary);
      add_string (builder, "status", cg_flag_status_to_string (d->status));
      if (d->note)
        add_string (builder, "note", d->note);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_issues (JsonBuilder *builder,
            GPtrArray   *issues)
{
  json_builder_set_member_name (builder, "import_issues");
  json_builder_begin_array (builder);
  for (guint i = 0; i < issues->len; i++)
    {
      CgImportIssue *issue = g_ptr_array_index (issues, i);

      json_builder_begin_object (builder);
      add_string (builder, "file", issue->file);
      json_builder_set_member_name (builder, "row");
      json_builder_add_int_value (builder, issue->row);
      add_string (builder, "severity", cg_severity_to_string (issue->severity));
      add_string (builder, "message", issue->message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_family (JsonBuilder *builder,
            CgFamily    *family)
{
  json_builder_set_member_name (builder, "people");
  json_builder_begin_array (builder);
  for (guint i = 0; family && i < family->people->len; i++)
    {
      CgPerson *person = g_ptr_array_index (family->people, i);

      json_builder_begin_object (builder);
      add_string (builder, "id", person->key);
      add_string (builder, "name", person->name);
      json_builder_set_member_name (builder, "aliases");
      json_builder_begin_array (builder);
      for (guint k = 0; person->aliases && person->aliases[k]; k++)
        json_builder_add_string_value (builder, person->aliases[k]);
      json_builder_end_array (builder);
      add_string (builder, "label", person->label);
      add_string (builder, "sex", cg_sex_to_string (person->sex));
      add_string (builder, "born", person->born);
      add_string (builder, "died", person->died);
      json_builder_set_member_name (builder, "subject");
      json_builder_add_boolean_value (builder, person->subject);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "relationships");
  json_builder_begin_array (builder);
  for (guint i = 0; family && i < family->relationships->len; i++)
    {
      CgRelationship *rel = g_ptr_array_index (family->relationships, i);

      json_builder_begin_object (builder);
      add_string (builder, "a", rel->a);
      add_string (builder, "b", rel->b);
      add_string (builder, "kind", cg_relationship_kind_to_string (rel->kind));
      add_string (builder, "from", rel->from);
      add_string (builder, "to", rel->to);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "households");
  json_builder_begin_array (builder);
  if (family != NULL)
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new ();

      for (guint i = 0; i < family->households->len; i++)
        {
          CgHouseholdMember *m = g_ptr_array_index (family->households, i);
          if (!g_ptr_array_find_with_equal_func (names, m->household, g_str_equal, NULL))
            g_ptr_array_add (names, m->household);
        }
      for (guint h = 0; h < names->len; h++)
        {
          json_builder_begin_object (builder);
          add_string (builder, "id", g_ptr_array_index (names, h));
          json_builder_set_member_name (builder, "members");
          json_builder_begin_array (builder);
          for (guint i = 0; i < family->households->len; i++)
            {
              CgHouseholdMember *m = g_ptr_array_index (family->households, i);

              if (g_strcmp0 (m->household, g_ptr_array_index (names, h)) != 0)
                continue;
              json_builder_begin_object (builder);
              add_string (builder, "person", m->person);
              add_string (builder, "from", m->from);
              add_string (builder, "to", m->to);
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
    }
  json_builder_end_array (builder);
}

static char *
export_json (CgStore  *store,
             gsize    *len,
             GError  **error)
{
  g_autoptr(CgAnalysis) analysis = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  if (!(analysis = cg_store_load_analysis (store, error)) ||
      !(files = cg_store_load_files (store, error)) ||
      !(issues = cg_store_load_issues (store, error)))
    return NULL;

  json_builder_begin_object (builder);
  add_string (builder, "format", "chronogram-export");
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  add_case (builder, analysis->review);
  add_agencies (builder, files);

  json_builder_set_member_name (builder, "events");
  json_builder_begin_array (builder);
  for (guint i = 0; i < analysis->events->len; i++)
    add_event (builder, g_ptr_array_index (analysis->events, i));
  json_builder_end_array (builder);

  add_clusters (builder, analysis->clusters);
  add_discrepancies (builder, analysis->discrepancies);
  add_issues (builder, issues);
  add_family (builder, analysis->family);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 1);
  return json_generator_to_data (generator, len);
}

static void
append_csv_cell (GString    *out,
                 const char *text)
{
  if (text == NULL)
    text = "";
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* UTF-8 with a byte-order mark, so that Excel reads it as UTF-8. */
static char *
export_csv (CgStore  *store,
            gsize    *len,
            GError  **error)
{
  g_autoptr(CgAnalysis) analysis = NULL;
  GString *out;
  static const char * const header[] = {
    "Date", "End date", "Date precision", "Uncertain", "Time", "Agency", "Type", "What happened",
    "Action", "Practitioner", "Child seen", "Recorded", "Recording", "Lag (days)",
    "After incident", "Cluster", "Flags", "Source file", "Source row",
  };

  if (!(analysis = cg_store_load_analysis (store, error)))
    return NULL;

  out = g_string_new ("\xEF\xBB\xBF");
  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      append_csv_cell (out, header[i]);
    }
  g_string_append (out, "\r\n");

  for (guint i = 0; i < analysis->events->len; i++)
    {
      CgEvent *event = g_ptr_array_index (analysis->events, i);
      g_autofree char *start = cg_date_to_iso (event->date.start);
      g_autofree char *end = cg_date_to_iso (event->date.end);
      g_autofree char *time = cg_time_to_string (event->date.time);
      g_autofree char *recorded = cg_date_to_iso (event->recorded);
      g_autofree char *lag = event->lag_days != G_MININT ? g_strdup_printf ("%d", event->lag_days) : NULL;
      g_autofree char *cluster = event->cluster_id ? g_strdup_printf ("c%" G_GINT64_FORMAT, event->cluster_id) : NULL;
      g_autofree char *flags = g_strdup_printf ("%u", event->n_flags);
      g_autofree char *row = g_strdup_printf ("%u", event->row);
      const char *cells[] = {
        start, end, cg_precision_to_string (event->date.precision),
        event->date.uncertain ? "yes" : "no", time, event->agency, event->type, event->text,
        event->action, event->practitioner,
        event->child_seen < 0 ? "" : event->child_seen ? "yes" : "no",
        recorded, cg_recording_to_string (event->recording), lag,
        event->after_incident ? "yes" : "no", cluster, flags, event->file_name, row,
      };

      for (guint k = 0; k < G_N_ELEMENTS (cells); k++)
        {
          if (k > 0)
            g_string_append_c (out, ',');
          append_csv_cell (out, cells[k]);
        }
      g_string_append (out, "\r\n");
    }
  *len = out->len;
  return g_string_free (out, FALSE);
}

gboolean
cg_export_write (CgStore         *store,
                 CgExportFormat   format,
                 const char      *path,
                 GError         **error)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  g_return_val_if_fail (CG_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  switch (format)
    {
    case CG_EXPORT_JSON:
      data = export_json (store, &len, error);
      break;
    case CG_EXPORT_CSV:
      data = export_csv (store, &len, error);
      break;
    default:
      g_assert_not_reached ();
    }
  if (data == NULL)
    return FALSE;
  return cg_export_write_bytes (path, data, len, error);
}
