/* cg-store-analysis.c: the analysis and the author's decisions in the case file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cg-store-analysis"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cg-analysis-private.h"
#include "cg-errors.h"
#include "cg-store-private.h"

/* g_strv_builder_take() is GLib 2.80. */
static void
strv_builder_take (GStrvBuilder *builder,
                   char         *text)
{
  g_strv_builder_add (builder, text);
  g_free (text);
}

static void
flag_decision_free (CgFlagDecision *decision)
{
  g_free (decision->note);
  g_free (decision);
}

static void
decisions_clear (CgDecisions *decisions)
{
  g_clear_pointer (&decisions->join, g_hash_table_unref);
  g_clear_pointer (&decisions->separate, g_hash_table_unref);
  g_clear_pointer (&decisions->confirmed, g_hash_table_unref);
  g_clear_pointer (&decisions->flags, g_hash_table_unref);
}

static gboolean
load_decisions (CgStore      *store,
                CgDecisions  *decisions,
                GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  decisions->join = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  decisions->separate = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  decisions->confirmed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  decisions->flags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify)flag_decision_free);

  if (!_cg_store_prepare (store, "SELECT kind, subject, value, note FROM decision ORDER BY id",
                          &stmt, error))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *kind = (const char *)sqlite3_column_text (stmt, 0);
      char *subject = _cg_store_column_dup (stmt, 1);

      if (g_strcmp0 (kind, "join") == 0)
        {
          g_hash_table_remove (decisions->separate, subject);
          g_hash_table_add (decisions->join, subject);
        }
      else if (g_strcmp0 (kind, "separate") == 0)
        {
          g_hash_table_remove (decisions->join, subject);
          g_hash_table_add (decisions->separate, subject);
        }
      else if (g_strcmp0 (kind, "confirm") == 0)
        g_hash_table_add (decisions->confirmed, subject);
      else if (g_strcmp0 (kind, "flag") == 0)
        {
          CgFlagDecision *flag = g_new0 (CgFlagDecision, 1);

          flag->status = cg_flag_status_from_string ((const char *)sqlite3_column_text (stmt, 2));
          flag->note = _cg_store_column_dup (stmt, 3);
          g_hash_table_replace (decisions->flags, subject, flag);
        }
      else
        g_free (subject);
    }
  if (rc != SQLITE_DONE)
    return _cg_store_set_error (store, rc, error);
  return TRUE;
}

static gboolean
load_inputs (CgStore    *store,
             gboolean    with_fields,
             CgReview  **review,
             GPtrArray **events,
             CgFamily  **family,
             GError    **error)
{
  if (!(*review = cg_store_dup_review (store, error)))
    return FALSE;
  if (!(*events = _cg_store_load_events (store, with_fields, error)))
    return FALSE;
  if (!(*family = cg_store_load_family (store, error)))
    return FALSE;
  return TRUE;
}

static gboolean
insert_members (CgStore      *store,
                const char   *sql,
                gint64        owner,
                GPtrArray    *events,
                GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  if (!_cg_store_prepare (store, sql, &stmt, error))
    return FALSE;
  for (guint i = 0; i < events->len; i++)
    {
      CgEvent *event = g_ptr_array_index (events, i);
      int rc;

      if (!g_hash_table_add (seen, event))
        continue;
      sqlite3_bind_int64 (stmt, 1, owner);
      sqlite3_bind_int64 (stmt, 2, event->id);
      sqlite3_bind_int (stmt, 3, i);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return _cg_store_set_error (store, rc, error);
    }
  return TRUE;
}

static gboolean
store_results (CgStore     *store,
               CgAnalysis  *analysis,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) cluster = NULL;
  g_autoptr(sqlite3_stmt) flag = NULL;
  int rc;

  if (!_cg_store_exec (store, "DELETE FROM cluster; DELETE FROM discrepancy;", error) ||
      !_cg_store_prepare (store, "INSERT INTO cluster (id, kind, decision) VALUES (?1, ?2, ?3)",
                          &cluster, error) ||
      !_cg_store_prepare (store,
                          "INSERT INTO discrepancy (id, kind, summary, status, note, key)\n"
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", &flag, error))
    return FALSE;

  for (guint i = 0; i < analysis->clusters->len; i++)
    {
      CgCluster *c = g_ptr_array_index (analysis->clusters, i);

      sqlite3_bind_int64 (cluster, 1, c->id);
      sqlite3_bind_text (cluster, 2, cg_cluster_kind_to_string (c->kind), -1, SQLITE_STATIC);
      sqlite3_bind_text (cluster, 3, c->decision == CG_DECISION_CONFIRMED ? "confirmed" : "auto",
                         -1, SQLITE_STATIC);
      rc = sqlite3_step (cluster);
      sqlite3_reset (cluster);
      if (rc != SQLITE_DONE)
        return _cg_store_set_error (store, rc, error);
      if (!insert_members (store,
                           "INSERT INTO cluster_member (cluster_id, record_id) VALUES (?1, ?2)",
                           c->id, c->events, error))
        return FALSE;
    }

  for (guint i = 0; i < analysis->discrepancies->len; i++)
    {
      CgDiscrepancy *d = g_ptr_array_index (analysis->discrepancies, i);

      sqlite3_bind_int64 (flag, 1, d->id);
      sqlite3_bind_text (flag, 2, cg_discrepancy_kind_to_string (d->kind), -1, SQLITE_STATIC);
      _cg_store_bind_text (flag, 3, d->summary);
      sqlite3_bind_text (flag, 4, cg_flag_status_to_string (d->status), -1, SQLITE_STATIC);
      _cg_store_bind_text (flag, 5, d->note);
      _cg_store_bind_text (flag, 6, d->key);
      rc = sqlite3_step (flag);
      sqlite3_reset (flag);
      if (rc != SQLITE_DONE)
        return _cg_store_set_error (store, rc, error);
      if (!insert_members (store,
                           "INSERT INTO discrepancy_member (discrepancy_id, record_id, position)\n"
                           "VALUES (?1, ?2, ?3)", d->id, d->events, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
cg_analysis_run_and_store (CgStore  *store,
                           GError  **error)
{
  CgDecisions decisions = { 0 };
  CgReview *review = NULL;
  GPtrArray *events = NULL;
  CgFamily *family = NULL;
  g_autoptr(CgAnalysis) analysis = NULL;
  g_autofree char *detail = NULL;

  g_return_val_if_fail (CG_IS_STORE (store), FALSE);

  if (!load_inputs (store, FALSE, &review, &events, &family, error) ||
      !load_decisions (store, &decisions, error))
    {
      g_clear_pointer (&review, cg_review_free);
      g_clear_pointer (&events, g_ptr_array_unref);
      g_clear_pointer (&family, cg_family_free);
      decisions_clear (&decisions);
      return FALSE;
    }

  analysis = _cg_analysis_run_with (review, events, family, &decisions);
  decisions_clear (&decisions);

  if (!_cg_store_begin (store, error))
    return FALSE;
  detail = g_strdup_printf ("%u records, %u clusters, %u flags", analysis->events->len,
                            analysis->clusters->len, analysis->discrepancies->len);
  if (!store_results (store, analysis, error) ||
      !cg_store_log (store, "analyse", detail, error))
    {
      _cg_store_rollback (store);
      return FALSE;
    }
  return _cg_store_commit (store, error);
}

static int
compare_events_by_date (gconstpointer a,
                        gconstpointer b)
{
  return cg_event_compare_by_date (*(CgEvent * const *)a, *(CgEvent * const *)b);
}

CgAnalysis *
cg_store_load_analysis (CgStore  *store,
                        GError  **error)
{
  g_autoptr(sqlite3_stmt) clusters = NULL;
  g_autoptr(sqlite3_stmt) flags = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) cluster_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(CgAnalysis) analysis = NULL;
  CgReview *review = NULL;
  GPtrArray *events = NULL;
  CgFamily *family = NULL;
  g_autoptr(CgMentionFinder) finder = NULL;
  int rc;

  g_return_val_if_fail (CG_IS_STORE (store), NULL);

  if (!load_inputs (store, TRUE, &review, &events, &family, error))
    {
      g_clear_pointer (&review, cg_review_free);
      g_clear_pointer (&events, g_ptr_array_unref);
      g_clear_pointer (&family, cg_family_free);
      return NULL;
    }
  g_ptr_array_sort (events, compare_events_by_date);
  analysis = _cg_analysis_new (review, events, family);
  finder = cg_mention_finder_new (family);

  for (guint i = 0; i < events->len; i++)
    {
      CgEvent *event = g_ptr_array_index (events, i);

      cg_recording_classify (event, review);
      event->child_seen_said = -2;
      if (family->people->len > 0)
        {
          g_autofree char *all = g_strjoin (" \n ", event->type ? event->type : "",
                                            event->text ? event->text : "",
                                            event->action ? event->action : "",
                                            event->comment ? event->comment : "",
                                            event->source ? event->source : "", NULL);
          event->people = cg_mention_finder_find (finder, all);
        }
      g_hash_table_insert (by_id, &event->id, event);
    }

  {
    g_autoptr(sqlite3_stmt) keys = NULL;
    g_autoptr(GHashTable) by_identity = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

    for (guint i = 0; i < events->len; i++)
      {
        CgEvent *event = g_ptr_array_index (events, i);
        g_hash_table_insert (by_identity, _cg_event_identity (event), event);
      }
    if (!_cg_store_prepare (store, "SELECT record_key, note FROM key_event", &keys, error))
      return NULL;
    while ((rc = sqlite3_step (keys)) == SQLITE_ROW)
      {
        CgEvent *event = g_hash_table_lookup (by_identity, sqlite3_column_text (keys, 0));

        if (event != NULL)
          {
            event->key_event = TRUE;
            event->author_note = _cg_store_column_dup (keys, 1);
          }
      }
    if (rc != SQLITE_DONE)
      return _cg_store_set_error (store, rc, error), NULL;
  }

  if (!_cg_store_prepare (store,
                          "SELECT c.id, c.kind, c.decision, c.note, m.record_id\n"
                          "FROM cluster c JOIN cluster_member m ON m.cluster_id = c.id\n"
                          "ORDER BY c.id", &clusters, error))
    return NULL;
  while ((rc = sqlite3_step (clusters)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (clusters, 0);
      gint64 record = sqlite3_column_int64 (clusters, 4);
      CgCluster *cluster = g_hash_table_lookup (cluster_by_id, &id);
      CgEvent *event = g_hash_table_lookup (by_id, &record);

      if (cluster == NULL)
        {
          cluster = g_new0 (CgCluster, 1);
          cluster->id = id;
          cluster->kind = g_strcmp0 ((const char *)sqlite3_column_text (clusters, 1),
                                     "duplicate_record") == 0
                          ? CG_CLUSTER_DUPLICATE_RECORD : CG_CLUSTER_SAME_OCCURRENCE;
          cluster->decision = g_strcmp0 ((const char *)sqlite3_column_text (clusters, 2),
                                         "confirmed") == 0 ? CG_DECISION_CONFIRMED : CG_DECISION_AUTO;
          cluster->note = _cg_store_column_dup (clusters, 3);
          cluster->events = g_ptr_array_new ();
          g_ptr_array_add (analysis->clusters, cluster);
          g_hash_table_insert (cluster_by_id, &cluster->id, cluster);
        }
      if (event != NULL)
        {
          g_ptr_array_add (cluster->events, event);
          if (event->cluster_id == 0 || cluster->kind == CG_CLUSTER_SAME_OCCURRENCE)
            event->cluster_id = id;
        }
    }
  if (rc != SQLITE_DONE)
    return _cg_store_set_error (store, rc, error), NULL;
  for (guint i = 0; i < analysis->clusters->len; i++)
    {
      CgCluster *cluster = g_ptr_array_index (analysis->clusters, i);
      g_ptr_array_sort (cluster->events, compare_events_by_date);
    }

  if (!_cg_store_prepare (store,
                          "SELECT d.id, d.kind, d.summary, d.status, d.note, d.key, m.record_id\n"
                          "FROM discrepancy d JOIN discrepancy_member m ON m.discrepancy_id = d.id\n"
                          "ORDER BY d.id, m.position", &flags, error))
    return NULL;
  {
    CgDiscrepancy *current = NULL;

    while ((rc = sqlite3_step (flags)) == SQLITE_ROW)
      {
        gint64 id = sqlite3_column_int64 (flags, 0);
        gint64 record = sqlite3_column_int64 (flags, 6);
        CgEvent *event = g_hash_table_lookup (by_id, &record);

        if (current == NULL || current->id != id)
          {
            current = g_new0 (CgDiscrepancy, 1);
            current->id = id;
            cg_discrepancy_kind_from_string ((const char *)sqlite3_column_text (flags, 1),
                                             &current->kind);
            current->summary = _cg_store_column_dup (flags, 2);
            current->status = cg_flag_status_from_string ((const char *)sqlite3_column_text (flags, 3));
            current->note = _cg_store_column_dup (flags, 4);
            current->key = _cg_store_column_dup (flags, 5);
            current->events = g_ptr_array_new ();
            g_ptr_array_add (analysis->discrepancies, current);
          }
        if (event != NULL)
          {
            g_ptr_array_add (current->events, event);
            if (current->status == CG_FLAG_OPEN)
              event->n_flags++;
          }
      }
    if (rc != SQLITE_DONE)
      return _cg_store_set_error (store, rc, error), NULL;
  }

  _cg_analysis_note_child_seen (analysis);
  return g_steal_pointer (&analysis);
}

/* ------------------------------------------------------------- decisions */

static gboolean
put_decision (CgStore     *store,
              const char  *kind,
              const char  *subject,
              const char  *value,
              const char  *note,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");
  int rc;

  if (!_cg_store_prepare (store,
                          "INSERT INTO decision (kind, subject, value, note, at)\n"
                          "VALUES (?1, ?2, ?3, ?4, ?5)\n"
                          "ON CONFLICT (kind, subject) DO UPDATE SET value = excluded.value,\n"
                          "  note = excluded.note, at = excluded.at", &stmt, error))
    return FALSE;
  _cg_store_bind_text (stmt, 1, kind);
  _cg_store_bind_text (stmt, 2, subject);
  _cg_store_bind_text (stmt, 3, value);
  _cg_store_bind_text (stmt, 4, note);
  _cg_store_bind_text (stmt, 5, at);
  if ((rc = sqlite3_step (stmt)) != SQLITE_DONE)
    return _cg_store_set_error (store, rc, error);
  return TRUE;
}

static gboolean
drop_decision (CgStore     *store,
               const char  *kind,
               const char  *subject,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!_cg_store_prepare (store, "DELETE FROM decision WHERE kind = ?1 AND subject = ?2",
                          &stmt, error))
    return FALSE;
  _cg_store_bind_text (stmt, 1, kind);
  _cg_store_bind_text (stmt, 2, subject);
  if ((rc = sqlite3_step (stmt)) != SQLITE_DONE)
    return _cg_store_set_error (store, rc, error);
  return TRUE;
}

static gboolean
set_pair (CgStore     *store,
          const char  *kind,
          const char  *opposite,
          CgEvent     *a,
          CgEvent     *b,
          GError     **error)
{
  g_autofree char *ia = _cg_event_identity (a);
  g_autofree char *ib = _cg_event_identity (b);
  g_autofree char *pair = _cg_pair_key (ia, ib);

  return drop_decision (store, opposite, pair, error) &&
         put_decision (store, kind, pair, NULL, NULL, error);
}

gboolean
cg_store_confirm_cluster (CgStore    *store,
                          CgCluster  *cluster,
                          GError    **error)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (CG_IS_STORE (store), FALSE);
  g_return_val_if_fail (cluster != NULL, FALSE);

  key = _cg_cluster_key (cluster);
  if (!_cg_store_begin (store, error))
    return FALSE;
  /* Confirming keeps the cluster together whatever the rules say next time. */
  for (guint i = 0; i < cluster->events->len; i++)
    for (guint j = i + 1; j < cluster->events->len; j++)
      if (!set_pair (store, "join", "separate", g_ptr_array_index (cluster->events, i),
                     g_ptr_array_index (cluster->events, j), error))
        goto fail;
  if (!put_decision (store, "confirm", key, NULL, NULL, error) ||
      !cg_store_log (store, "confirm-cluster", key, error))
    goto fail;
  return _cg_store_commit (store, error);

fail:
  _cg_store_rollback (store);
  return FALSE;
}

gboolean
cg_store_remove_from_cluster (CgStore    *store,
                              CgCluster  *cluster,
                              CgEvent    *event,
                              GError    **error)
{
  g_autofree char *identity = NULL;

  g_return_val_if_fail (CG_IS_STORE (store), FALSE);
  g_return_val_if_fail (cluster != NULL && CG_IS_EVENT (event), FALSE);

  identity = _cg_event_identity (event);
  if (!_cg_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < cluster->events->len; i++)
    {
      CgEvent *other = g_ptr_array_index (cluster->events, i);

      if (other != event && !set_pair (store, "separate", "join", event, other, error))
        goto fail;
    }
  if (!cg_store_log (store, "remove-from-cluster", identity, error))
    goto fail;
  return _cg_store_commit (store, error);

fail:
  _cg_store_rollback (store);
  return FALSE;
}

gboolean
cg_store_join_records (CgStore  *store,
                       CgEvent  *a,
                       CgEvent  *b,
                       GError  **error)
{
  g_autofree char *ia = NULL;

  g_return_val_if_fail (CG_IS_STORE (store), FALSE);
  g_return_val_if_fail (CG_IS_EVENT (a) && CG_IS_EVENT (b), FALSE);

  ia = _cg_event_identity (a);
  if (!_cg_store_begin (store, error))
    return FALSE;
  if (!set_pair (store, "join", "separate", a, b, error) ||
      !cg_store_log (store, "join-records", ia, error))
    {
      _cg_store_rollback (store);
      return FALSE;
    }
  return _cg_store_commit (store, error);
}

gboolean
cg_store_set_flag_status (CgStore        *store,
                          CgDiscrepancy  *discrepancy,
                          CgFlagStatus    status,
                          const char     *note,
                          GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (CG_IS_STORE (store), FALSE);
  g_return_val_if_fail (discrepancy != NULL && discrepancy->key != NULL, FALSE);

  if (!_cg_store_begin (store, error))
    return FALSE;
  if (!put_decision (store, "flag", discrepancy->key, cg_flag_status_to_string (status), note,
                     error) ||
      !_cg_store_prepare (store, "UPDATE discrepancy SET status = ?1, note = ?2 WHERE key = ?3",
                          &stmt, error))
    goto fail;
  sqlite3_bind_text (stmt, 1, cg_flag_status_to_string (status), -1, SQLITE_STATIC);
  _cg_store_bind_text (stmt, 2, note);
  _cg_store_bind_text (stmt, 3, discrepancy->key);
  if ((rc = sqlite3_step (stmt)) != SQLITE_DONE)
    {
      _cg_store_set_error (store, rc, error);
      goto fail;
    }
  if (!cg_store_log (store, "flag-status", discrepancy->key, error))
    goto fail;
  {
    /* @note may be discrepancy->note itself */
    char *copy = g_strdup (note);

    discrepancy->status = status;
    g_free (discrepancy->note);
    discrepancy->note = copy;
  }
  return _cg_store_commit (store, error);

fail:
  _cg_store_rollback (store);
  return FALSE;
}

gboolean
cg_store_set_key_event (CgStore     *store,
                        CgEvent     *event,
                        gboolean     key_event,
                        const char  *note,
                        GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *identity = NULL;
  int rc;

  g_return_val_if_fail (CG_IS_STORE (store), FALSE);
  g_return_val_if_fail (CG_IS_EVENT (event), FALSE);

  identity = _cg_event_identity (event);
  if (!_cg_store_begin (store, error))
    return FALSE;
  if (!_cg_store_prepare (store,
                          key_event
                          ? "INSERT INTO key_event (record_key, note) VALUES (?1, ?2)\n"
                            "ON CONFLICT (record_key) DO UPDATE SET note = excluded.note"
                          : "DELETE FROM key_event WHERE record_key = ?1", &stmt, error))
    goto fail;
  _cg_store_bind_text (stmt, 1, identity);
  if (key_event)
    _cg_store_bind_text (stmt, 2, note);
  if ((rc = sqlite3_step (stmt)) != SQLITE_DONE)
    {
      _cg_store_set_error (store, rc, error);
      goto fail;
    }
  if (!cg_store_log (store, key_event ? "key-event" : "not-key-event", identity, error))
    goto fail;
  {
    /* @note may be event->author_note itself */
    char *copy = key_event ? g_strdup (note) : NULL;

    event->key_event = key_event;
    g_free (event->author_note);
    event->author_note = copy;
  }
  return _cg_store_commit (store, error);

fail:
  _cg_store_rollback (store);
  return FALSE;
}

/* Identities named by a decision subject: "agency|hash" joined by the pair
 * separator, or by ';' in cluster and flag keys (after the kind). */
static GStrv
subject_identities (const char *kind,
                    const char *subject)
{
  if (g_strcmp0 (kind, "join") == 0 || g_strcmp0 (kind, "separate") == 0)
    return g_strsplit (subject, CG_PAIR_SEPARATOR, -1);
  if (g_strcmp0 (kind, "flag") == 0)
    {
      const char *first = strchr (subject, ';');
      return first ? g_strsplit (first + 1, ";", -1) : g_new0 (char *, 1);
    }
  return g_strsplit (subject, ";", -1);
}

GStrv
cg_store_dup_orphaned_decisions (CgStore  *store,
                                 GError  **error)
{
  g_autoptr(sqlite3_stmt) records = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) present = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  int rc;

  g_return_val_if_fail (CG_IS_STORE (store), NULL);

  if (!_cg_store_prepare (store,
                          "SELECT a.name || '|' || r.content_hash FROM record r\n"
                          "JOIN source_file f ON f.id = r.file_id JOIN agency a ON a.id = f.agency_id",
                          &records, error))
    return NULL;
  while ((rc = sqlite3_step (records)) == SQLITE_ROW)
    g_hash_table_add (present, _cg_store_column_dup (records, 0));
  if (rc != SQLITE_DONE)
    return _cg_store_set_error (store, rc, error), NULL;

  if (!_cg_store_prepare (store, "SELECT kind, subject, value, note, at FROM decision ORDER BY id",
                          &stmt, error))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *kind = (const char *)sqlite3_column_text (stmt, 0);
      const char *subject = (const char *)sqlite3_column_text (stmt, 1);
      g_auto(GStrv) ids = subject_identities (kind, subject);
      guint missing = 0;

      for (guint i = 0; ids[i]; i++)
        if (*ids[i] && !g_hash_table_contains (present, ids[i]))
          missing++;
      if (missing > 0)
        {
          const char *note = (const char *)sqlite3_column_text (stmt, 3);
          g_autofree char *agency = NULL;

          if (ids[0] && strchr (ids[0], '|'))
            agency = g_strndup (ids[0], strchr (ids[0], '|') - ids[0]);
          strv_builder_take (builder,
                               g_strdup_printf (_("A decision (%s, made %s%s%s) names %u record(s) "
                                                  "of %s that a re-imported file no longer has"),
                                                kind, (const char *)sqlite3_column_text (stmt, 4),
                                                note ? _(", note: ") : "", note ? note : "",
                                                missing, agency ? agency : _("an agency")));
        }
    }
  if (rc != SQLITE_DONE)
    return _cg_store_set_error (store, rc, error), NULL;
  return g_strv_builder_end (builder);
}
