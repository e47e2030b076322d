/* cg-store-glossary.c: the glossary and the key events in the case file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cg-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cg-errors.h"
#include "cg-glossary.h"
#include "cg-store-private.h"

#define VARIANT_SEPARATOR "; "

static gboolean
has_table (CgStore     *self,
           const char  *name,
           gboolean    *found,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!_cg_store_prepare (self, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1",
                          &stmt, error))
    return FALSE;
  _cg_store_bind_text (stmt, 1, name);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _cg_store_set_error (self, rc, error);
  *found = rc == SQLITE_ROW;
  return TRUE;
}

CgGlossary *
cg_store_load_glossary (CgStore  *store,
                        GError  **error)
{
  g_autoptr(CgGlossary) glossary = cg_glossary_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean found = FALSE;
  int rc;

  g_return_val_if_fail (CG_IS_STORE (store), NULL);

  if (!has_table (store, "glossary", &found, error))
    return NULL;
  if (!found)
    return g_steal_pointer (&glossary);

  if (!_cg_store_prepare (store,
                          "SELECT term, kind, placeholder, variants FROM glossary ORDER BY id",
                          &stmt, error))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *term = _cg_store_column_dup (stmt, 0);
      g_autofree char *kind_name = _cg_store_column_dup (stmt, 1);
      g_autofree char *placeholder = _cg_store_column_dup (stmt, 2);
      g_autofree char *variant_text = _cg_store_column_dup (stmt, 3);
      g_auto(GStrv) variants = g_strsplit (variant_text ? variant_text : "", ";", -1);
      CgGlossaryKind kind;

      if (term == NULL || *term == '\0')
        continue;
      if (!cg_glossary_kind_from_string (kind_name, &kind))
        kind = CG_GLOSSARY_OTHER;
      cg_glossary_add (glossary, term, kind, placeholder, (const char * const *)variants);
    }
  if (rc != SQLITE_DONE)
    {
      _cg_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&glossary);
}

gboolean
cg_store_replace_glossary (CgStore     *store,
                           CgGlossary  *glossary,
                           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean found = FALSE;

  g_return_val_if_fail (CG_IS_STORE (store), FALSE);
  g_return_val_if_fail (glossary != NULL, FALSE);

  if (!has_table (store, "glossary", &found, error))
    return FALSE;
  if (!found)
    {
      g_autofree char *name = g_path_get_basename (cg_store_get_path (store));

      g_set_error (error, CG_ERROR, CG_ERROR_TOO_NEW,
                   _("%s: this case file has no place for a glossary yet; "
                     "open it with this version of Chronogram to upgrade it"), name);
      return FALSE;
    }

  if (!_cg_store_begin (store, error))
    return FALSE;
  if (!_cg_store_exec (store, "DELETE FROM glossary", error)
      || !_cg_store_prepare (store,
                             "INSERT INTO glossary (term, kind, placeholder, variants)\n"
                             "VALUES (?1, ?2, ?3, ?4)", &stmt, error))
    goto fail;
  for (guint i = 0; i < glossary->entries->len; i++)
    {
      CgGlossaryEntry *entry = g_ptr_array_index (glossary->entries, i);
      g_autofree char *variants = g_strjoinv (VARIANT_SEPARATOR, entry->variants);
      int rc;

      sqlite3_reset (stmt);
      _cg_store_bind_text (stmt, 1, entry->term);
      _cg_store_bind_text (stmt, 2, cg_glossary_kind_to_string (entry->kind));
      _cg_store_bind_text (stmt, 3, entry->placeholder);
      _cg_store_bind_text (stmt, 4, variants);
      if ((rc = sqlite3_step (stmt)) != SQLITE_DONE)
        {
          _cg_store_set_error (store, rc, error);
          goto fail;
        }
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  {
    g_autofree char *detail = g_strdup_printf ("%u terms", glossary->entries->len);

    if (!cg_store_log (store, "glossary", detail, error))
      goto fail;
  }
  return _cg_store_commit (store, error);

fail:
  g_clear_pointer (&stmt, sqlite3_finalize);
  _cg_store_rollback (store);
  return FALSE;
}

GHashTable *
cg_store_load_key_events (CgStore  *store,
                          GError  **error)
{
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean found = FALSE;
  int rc;

  g_return_val_if_fail (CG_IS_STORE (store), NULL);

  if (!has_table (store, "key_event", &found, error))
    return NULL;
  if (!found)
    return g_steal_pointer (&keys);
  if (!_cg_store_prepare (store, "SELECT record_key, note FROM key_event", &stmt, error))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      char *key = _cg_store_column_dup (stmt, 0);
      char *note = _cg_store_column_dup (stmt, 1);

      if (key == NULL)
        {
          g_free (note);
          continue;
        }
      g_hash_table_replace (keys, key, note ? note : g_strdup (""));
    }
  if (rc != SQLITE_DONE)
    {
      _cg_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&keys);
}
