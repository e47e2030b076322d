/* cg-export-json.c: the integrated chronology as the contract's JSON, version 1
 *
 * Without options it is the whole analysis as stored. Filters leave out
 * records (and the clusters and flags only they made); anonymising replaces
 * names in every text and gives people their role labels only; coarsened
 * dates widen each period and drop times and recorded days.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cg-export"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "cg-export-private.h"

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

/* Add @value as exported, which the builder then owns. */
static void
add_text (JsonBuilder   *builder,
          CgExportModel *model,
          const char    *member,
          const char    *value)
{
  g_autofree char *text = cg_export_model_text (model, value);

  add_string (builder, member, text);
}

static char *
event_id (CgEvent *event)
{
  return g_strdup_printf ("e%" G_GINT64_FORMAT, event->id);
}

/* Family dates of an anonymised export: the year only. */
static void
add_family_date (JsonBuilder   *builder,
                 CgExportModel *model,
                 const char    *member,
                 const char    *value)
{
  if (value != NULL && model->options.anonymise)
    {
      g_autofree char *year = NULL;
      guint32 first = 0, last = 0;

      if (cg_family_date_range (value, &first, &last))
        {
          int y = 0, m = 0, d = 0;

          cg_date_to_ymd (first, &y, &m, &d);
          year = g_strdup_printf ("%04d", y);
        }
      add_string (builder, member, year);
      return;
    }
  add_string (builder, member, value);
}

static void
add_event_ids (JsonBuilder *builder,
               GPtrArray   *events,
               GHashTable  *included)
{
  json_builder_begin_array (builder);
  for (guint i = 0; i < events->len; i++)
    {
      CgEvent *event = g_ptr_array_index (events, i);
      g_autofree char *id = NULL;

      if (!g_hash_table_contains (included, event))
        continue;
      id = event_id (event);
      json_builder_add_string_value (builder, id);
    }
  json_builder_end_array (builder);
}

static guint
count_included (GPtrArray  *events,
                GHashTable *included)
{
  guint n = 0;

  for (guint i = 0; i < events->len; i++)
    if (g_hash_table_contains (included, g_ptr_array_index (events, i)))
      n++;
  return n;
}

static void
add_case (JsonBuilder   *builder,
          CgExportModel *model)
{
  const CgReview *review = model->analysis->review;
  guint32 scope_from = review->scope_from;
  guint32 scope_to = review->scope_to;
  guint32 incident_day = review->incident;

  if (model->options.dates != CG_EXPORT_DATES_EXACT)
    {
      CgExportDates dates = model->options.dates;
      int y = 0, m = 0, d = 0;

      /* month and age: the month; year: the year */
      if (scope_from)
        {
          cg_date_to_ymd (scope_from, &y, &m, &d);
          scope_from = cg_date_from_ymd (y, dates == CG_EXPORT_DATES_YEAR ? 1 : m, 1);
        }
      if (scope_to)
        {
          cg_date_to_ymd (scope_to, &y, &m, &d);
          if (dates == CG_EXPORT_DATES_YEAR)
            m = 12;
          scope_to = cg_date_from_ymd (y, m, g_date_get_days_in_month (m, y));
        }
      if (incident_day)
        {
          cg_date_to_ymd (incident_day, &y, &m, &d);
          incident_day = cg_date_from_ymd (y, dates == CG_EXPORT_DATES_YEAR ? 1 : m, 1);
        }
    }

  json_builder_set_member_name (builder, "case");
  json_builder_begin_object (builder);
  add_string (builder, "title", model->options.anonymise ? model->title : review->title);
  if (model->options.anonymise)
    add_text (builder, model, "subject", review->subject);
  else
    add_string (builder, "subject", review->subject);
  add_day (builder, "scope_from", scope_from);
  add_day (builder, "scope_to", scope_to);
  add_day (builder, "incident_date", incident_day);
  json_builder_set_member_name (builder, "retrospective_days");
  json_builder_add_int_value (builder, review->retrospective_days);
  json_builder_end_object (builder);
}

static gboolean
agency_included (CgExportModel *model,
                 const char    *agency)
{
  if (model->options.agencies == NULL || model->options.agencies[0] == NULL)
    return TRUE;
  for (guint i = 0; i < model->agencies->len; i++)
    {
      CgExportAgency *known = g_ptr_array_index (model->agencies, i);

      if (g_strcmp0 (known->name, agency) != 0)
        continue;
      for (guint k = 0; model->options.agencies[k]; k++)
        if (g_ascii_strcasecmp (model->options.agencies[k], agency) == 0
            || g_utf8_collate (model->options.agencies[k], agency) == 0
            || g_ascii_strcasecmp (model->options.agencies[k], known->code) == 0)
          return TRUE;
    }
  return FALSE;
}

static void
add_agencies (JsonBuilder   *builder,
              CgExportModel *model)
{
  GPtrArray *files = model->files;

  json_builder_set_member_name (builder, "agencies");
  json_builder_begin_array (builder);
  for (guint i = 0; i < files->len; )
    {
      CgSourceFile *first = g_ptr_array_index (files, i);
      gboolean included = agency_included (model, first->agency);

      if (included)
        {
          json_builder_begin_object (builder);
          add_text (builder, model, "name", first->agency);
          json_builder_set_member_name (builder, "files");
          json_builder_begin_array (builder);
        }
      for (; i < files->len; i++)
        {
          CgSourceFile *file = g_ptr_array_index (files, i);

          if (g_strcmp0 (file->agency, first->agency) != 0)
            break;
          if (!included)
            continue;
          json_builder_begin_object (builder);
          add_text (builder, model, "name", file->name);
          add_string (builder, "sha256", file->sha256);
          json_builder_set_member_name (builder, "rows");
          json_builder_add_int_value (builder, file->row_count);
          add_string (builder, "encoding", file->encoding);
          add_string (builder, "delimiter", file->delimiter);
          json_builder_set_member_name (builder, "header_row");
          json_builder_add_int_value (builder, file->header_row);
          json_builder_end_object (builder);
        }
      if (included)
        {
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
    }
  json_builder_end_array (builder);
}

static void
add_fields (JsonBuilder   *builder,
            CgExportRow   *row)
{
  json_builder_set_member_name (builder, "fields");
  json_builder_begin_object (builder);
  for (guint i = 0; i < row->fields->len; i++)
    {
      CgField *field = g_ptr_array_index (row->fields, i);

      add_string (builder, field->header, field->cell);
    }
  json_builder_end_object (builder);
}

static void
add_event (JsonBuilder   *builder,
           CgExportModel *model,
           CgExportRow   *row)
{
  CgEvent *event = row->event;
  g_autofree char *id = event_id (event);
  g_autofree char *time = cg_time_to_string (row->period.time);
  gboolean coarse = model->options.dates != CG_EXPORT_DATES_EXACT;

  json_builder_begin_object (builder);
  add_string (builder, "id", id);
  add_text (builder, model, "agency", event->agency);

  json_builder_set_member_name (builder, "source");
  json_builder_begin_object (builder);
  add_string (builder, "file", row->file_name);
  json_builder_set_member_name (builder, "row");
  json_builder_add_int_value (builder, event->row);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "date");
  json_builder_begin_object (builder);
  add_day (builder, "start", row->period.start);
  add_day (builder, "end", row->period.end);
  add_string (builder, "precision", cg_precision_to_string (row->period.precision));
  json_builder_set_member_name (builder, "uncertain");
  json_builder_add_boolean_value (builder, row->period.uncertain);
  if (coarse)
    add_string (builder, "text", row->cells[CG_EXPORT_COLUMN_DATE].lead
                                 ? row->cells[CG_EXPORT_COLUMN_DATE].lead : "");
  else
    add_string (builder, "text", row->date_text ? row->date_text : "");
  json_builder_end_object (builder);

  add_string (builder, "time", time);
  add_day (builder, "recorded", coarse ? 0 : event->recorded);
  add_string (builder, "recording", cg_recording_to_string (event->recording));
  json_builder_set_member_name (builder, "lag_days");
  if (event->lag_days != G_MININT)
    json_builder_add_int_value (builder, event->lag_days);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "after_incident");
  json_builder_add_boolean_value (builder, event->after_incident);
  add_string (builder, "type", row->type);
  add_string (builder, "text", row->text ? row->text : "");
  add_string (builder, "action", row->action);
  add_string (builder, "practitioner", row->practitioner);
  json_builder_set_member_name (builder, "child_seen");
  if (event->child_seen >= 0)
    json_builder_add_boolean_value (builder, event->child_seen == 1);
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "people");
  json_builder_begin_array (builder);
  for (guint i = 0; event->people && i < event->people->len; i++)
    {
      const char *key = g_ptr_array_index (event->people, i);
      const char *shown = g_hash_table_lookup (model->person_ids, key);

      json_builder_add_string_value (builder, shown ? shown : key);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "cluster");
  if (event->cluster_id)
    {
      g_autofree char *cid = g_strdup_printf ("c%" G_GINT64_FORMAT, event->cluster_id);
      json_builder_add_string_value (builder, cid);
    }
  else
    json_builder_add_null_value (builder);

  add_fields (builder, row);
  json_builder_end_object (builder);
}

static void
add_clusters (JsonBuilder   *builder,
              CgExportModel *model,
              GHashTable    *included,
              gboolean       filtered)
{
  GPtrArray *clusters = model->analysis->clusters;

  json_builder_set_member_name (builder, "clusters");
  json_builder_begin_array (builder);
  for (guint i = 0; i < clusters->len; i++)
    {
      CgCluster *cluster = g_ptr_array_index (clusters, i);
      g_autofree char *id = g_strdup_printf ("c%" G_GINT64_FORMAT, cluster->id);

      if (filtered && count_included (cluster->events, included) < 2)
        continue;
      json_builder_begin_object (builder);
      add_string (builder, "id", id);
      add_string (builder, "kind", cg_cluster_kind_to_string (cluster->kind));
      json_builder_set_member_name (builder, "events");
      add_event_ids (builder, cluster->events, included);
      add_string (builder, "decision",
                  cluster->decision == CG_DECISION_CONFIRMED ? "confirmed" : "auto");
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_discrepancies (JsonBuilder   *builder,
                   CgExportModel *model,
                   GHashTable    *included,
                   gboolean       filtered)
{
  GPtrArray *discrepancies = model->analysis->discrepancies;

  json_builder_set_member_name (builder, "discrepancies");
  json_builder_begin_array (builder);
  for (guint i = 0; i < discrepancies->len; i++)
    {
      CgDiscrepancy *d = g_ptr_array_index (discrepancies, i);
      g_autofree char *id = g_strdup_printf ("d%" G_GINT64_FORMAT, d->id);

      if (filtered && d->events->len > 0 && count_included (d->events, included) == 0)
        continue;
      json_builder_begin_object (builder);
      add_string (builder, "id", id);
      add_string (builder, "kind", cg_discrepancy_kind_to_string (d->kind));
      json_builder_set_member_name (builder, "events");
      add_event_ids (builder, d->events, included);
      add_text (builder, model, "summary", d->summary);
      add_string (builder, "status", cg_flag_status_to_string (d->status));
      if (d->note)
        add_text (builder, model, "note", d->note);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_issues (JsonBuilder   *builder,
            CgExportModel *model)
{
  GPtrArray *issues = model->issues;

  json_builder_set_member_name (builder, "import_issues");
  json_builder_begin_array (builder);
  for (guint i = 0; i < issues->len; i++)
    {
      CgImportIssue *issue = g_ptr_array_index (issues, i);
      gboolean included = TRUE;

      for (guint k = 0; k < model->files->len; k++)
        {
          CgSourceFile *file = g_ptr_array_index (model->files, k);

          if (g_strcmp0 (file->name, issue->file) == 0)
            included = agency_included (model, file->agency);
        }
      if (!included)
        continue;
      json_builder_begin_object (builder);
      add_text (builder, model, "file", issue->file);
      json_builder_set_member_name (builder, "row");
      json_builder_add_int_value (builder, issue->row);
      add_string (builder, "severity", cg_severity_to_string (issue->severity));
      add_text (builder, model, "message", issue->message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static const char *
person_id (CgExportModel *model,
           const char    *key)
{
  const char *id = g_hash_table_lookup (model->person_ids, key);

  return id ? id : key;
}

static void
add_people (JsonBuilder   *builder,
            CgExportModel *model,
            CgFamily      *family)
{
  json_builder_set_member_name (builder, "people");
  json_builder_begin_array (builder);
  for (guint i = 0; family && i < family->people->len; i++)
    {
      CgPerson *person = g_ptr_array_index (family->people, i);

      json_builder_begin_object (builder);
      add_string (builder, "id", person_id (model, person->key));
      if (model->options.anonymise)
        {
          g_autofree char *label = person->label && *person->label
                                   ? g_strdup (person->label)
                                   : g_strdup_printf ("Person %u", i + 1);

          add_string (builder, "name", label);
        }
      else
        add_string (builder, "name", person->name);
      json_builder_set_member_name (builder, "aliases");
      json_builder_begin_array (builder);
      for (guint k = 0; !model->options.anonymise && person->aliases && person->aliases[k]; k++)
        json_builder_add_string_value (builder, person->aliases[k]);
      json_builder_end_array (builder);
      add_string (builder, "label", person->label);
      add_string (builder, "sex", cg_sex_to_string (person->sex));
      add_family_date (builder, model, "born", person->born);
      add_family_date (builder, model, "died", person->died);
      json_builder_set_member_name (builder, "subject");
      json_builder_add_boolean_value (builder, person->subject);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_family (JsonBuilder   *builder,
            CgExportModel *model)
{
  CgFamily *family = model->analysis->family;

  add_people (builder, model, family);

  json_builder_set_member_name (builder, "relationships");
  json_builder_begin_array (builder);
  for (guint i = 0; family && i < family->relationships->len; i++)
    {
      CgRelationship *rel = g_ptr_array_index (family->relationships, i);

      json_builder_begin_object (builder);
      add_string (builder, "a", person_id (model, rel->a));
      add_string (builder, "b", person_id (model, rel->b));
      add_string (builder, "kind", cg_relationship_kind_to_string (rel->kind));
      add_family_date (builder, model, "from", rel->from);
      add_family_date (builder, model, "to", rel->to);
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
          if (model->options.anonymise)
            {
              g_autofree char *id = g_strdup_printf ("h%u", h + 1);
              add_string (builder, "id", id);
            }
          else
            add_string (builder, "id", g_ptr_array_index (names, h));
          json_builder_set_member_name (builder, "members");
          json_builder_begin_array (builder);
          for (guint i = 0; i < family->households->len; i++)
            {
              CgHouseholdMember *m = g_ptr_array_index (family->households, i);

              if (g_strcmp0 (m->household, g_ptr_array_index (names, h)) != 0)
                continue;
              json_builder_begin_object (builder);
              add_string (builder, "person", person_id (model, m->person));
              add_family_date (builder, model, "from", m->from);
              add_family_date (builder, model, "to", m->to);
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
    }
  json_builder_end_array (builder);
}

GBytes *
_cg_export_render_json (CgExportModel  *model,
                        GError        **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GHashTable) included = g_hash_table_new (NULL, NULL);
  gboolean filtered = model->rows->len != model->analysis->events->len;
  char *data;
  gsize len = 0;

  for (guint i = 0; i < model->rows->len; i++)
    g_hash_table_add (included, ((CgExportRow *)g_ptr_array_index (model->rows, i))->event);

  json_builder_begin_object (builder);
  add_string (builder, "format", "chronogram-export");
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  add_case (builder, model);
  add_agencies (builder, model);

  json_builder_set_member_name (builder, "events");
  json_builder_begin_array (builder);
  for (guint i = 0; i < model->rows->len; i++)
    add_event (builder, model, g_ptr_array_index (model->rows, i));
  json_builder_end_array (builder);

  add_clusters (builder, model, included, filtered);
  add_discrepancies (builder, model, included, filtered);
  add_issues (builder, model);
  add_family (builder, model);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 1);
  data = json_generator_to_data (generator, &len);
  return g_bytes_new_take (data, len);
}
