/* cg-store-family.c: the people, relationships and households in the case file
 *
 * The family is replaced as a whole, in one transaction: a family file with a
 * mistake in it changes nothing, and the audit log says what was loaded.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cg-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cg-errors.h"
#include "cg-family.h"
#include "cg-store-private.h"

/* Aliases are kept as one cell, the way people.csv writes them. */
#define ALIAS_SEPARATOR "; "

static char *
column_text_or_null (sqlite3_stmt *stmt,
                     int           index)
{
  char *text = _cg_store_column_dup (stmt, index);

  if (text != NULL && *text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static GStrv
split_aliases (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = g_strsplit (text ? text : "", ";", -1);

  for (guint i = 0; parts[i]; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }
  return g_strv_builder_end (builder);
}

static gboolean
load_people (CgStore   *self,
             CgFamily  *family,
             GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!_cg_store_prepare (self,
                          "SELECT key, name, aliases, label, sex, born, died, subject, note\n"
                          "FROM person ORDER BY id", &stmt, error))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CgPerson *person = g_new0 (CgPerson, 1);
      g_autofree char *aliases = _cg_store_column_dup (stmt, 2);
      g_autofree char *sex = _cg_store_column_dup (stmt, 4);

      person->key = _cg_store_column_dup (stmt, 0);
      person->name = column_text_or_null (stmt, 1);
      person->aliases = split_aliases (aliases);
      person->label = column_text_or_null (stmt, 3);
      if (!cg_sex_from_string (sex, &person->sex))
        person->sex = CG_SEX_UNKNOWN;
      person->born = column_text_or_null (stmt, 5);
      person->died = column_text_or_null (stmt, 6);
      person->subject = sqlite3_column_int (stmt, 7) != 0;
      person->note = column_text_or_null (stmt, 8);
      g_ptr_array_add (family->people, person);
    }
  if (rc != SQLITE_DONE)
    return _cg_store_set_error (self, rc, error);
  return TRUE;
}

static gboolean
load_relationships (CgStore   *self,
                    CgFamily  *family,
                    GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!_cg_store_prepare (self,
                          "SELECT a, b, kind, from_date, to_date, note\n"
                          "FROM relationship ORDER BY id", &stmt, error))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CgRelationship *rel = g_new0 (CgRelationship, 1);
      g_autofree char *kind = _cg_store_column_dup (stmt, 2);

      rel->a = _cg_store_column_dup (stmt, 0);
      rel->b = _cg_store_column_dup (stmt, 1);
      if (!cg_relationship_kind_from_string (kind, &rel->kind))
        {
          /* Written by a newer Chronogram: keep the people, drop the line. */
          g_debug ("unknown relationship kind “%s” in the case file", kind);
          cg_relationship_free (rel);
          continue;
        }
      rel->from = column_text_or_null (stmt, 3);
      rel->to = column_text_or_null (stmt, 4);
      rel->note = column_text_or_null (stmt, 5);
      g_ptr_array_add (family->relationships, rel);
    }
  if (rc != SQLITE_DONE)
    return _cg_store_set_error (self, rc, error);
  return TRUE;
}

static gboolean
load_households (CgStore   *self,
                 CgFamily  *family,
                 GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!_cg_store_prepare (self,
                          "SELECT household, person, from_date, to_date\n"
                          "FROM household_member ORDER BY id", &stmt, error))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CgHouseholdMember *member = g_new0 (CgHouseholdMember, 1);

      member->household = _cg_store_column_dup (stmt, 0);
      member->person = _cg_store_column_dup (stmt, 1);
      member->from = column_text_or_null (stmt, 2);
      member->to = column_text_or_null (stmt, 3);
      g_ptr_array_add (family->households, member);
    }
  if (rc != SQLITE_DONE)
    return _cg_store_set_error (self, rc, error);
  return TRUE;
}

CgFamily *
cg_store_load_family (CgStore  *self,
                      GError  **error)
{
  g_autoptr(CgFamily) family = cg_family_new ();
  gboolean own_transaction;

  g_return_val_if_fail (CG_IS_STORE (self), NULL);

  /* One read transaction, so the three tables agree with each other; inside
   * the caller's transaction when there is one. */
  own_transaction = sqlite3_get_autocommit (self->db) != 0;
  if (own_transaction && !_cg_store_exec (self, "BEGIN", error))
    return NULL;
  if (!load_people (self, family, error) ||
      !load_relationships (self, family, error) ||
      !load_households (self, family, error))
    {
      if (own_transaction)
        _cg_store_rollback (self);
      return NULL;
    }
  if (own_transaction)
    _cg_store_rollback (self);
  return g_steal_pointer (&family);
}

static gboolean
step_done (CgStore       *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    return _cg_store_set_error (self, rc, error);
  return TRUE;
}

static gboolean
insert_people (CgStore   *self,
               CgFamily  *family,
               GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!_cg_store_prepare (self,
                          "INSERT INTO person (key, name, aliases, label, sex, born, died,\n"
                          "                    subject, note)\n"
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", &stmt, error))
    return FALSE;
  for (guint i = 0; i < family->people->len; i++)
    {
      CgPerson *p = g_ptr_array_index (family->people, i);
      g_autofree char *aliases = g_strjoinv (ALIAS_SEPARATOR,
                                             p->aliases ? p->aliases : (char *[]) { NULL });

      _cg_store_bind_text (stmt, 1, p->key);
      _cg_store_bind_text (stmt, 2, p->name ? p->name : "");
      _cg_store_bind_text (stmt, 3, aliases);
      _cg_store_bind_text (stmt, 4, p->label ? p->label : "");
      _cg_store_bind_text (stmt, 5, cg_sex_to_string (p->sex));
      _cg_store_bind_text (stmt, 6, p->born);
      _cg_store_bind_text (stmt, 7, p->died);
      sqlite3_bind_int (stmt, 8, p->subject ? 1 : 0);
      _cg_store_bind_text (stmt, 9, p->note);
      if (!step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
insert_relationships (CgStore   *self,
                      CgFamily  *family,
                      GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!_cg_store_prepare (self,
                          "INSERT INTO relationship (a, b, kind, from_date, to_date, note)\n"
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", &stmt, error))
    return FALSE;
  for (guint i = 0; i < family->relationships->len; i++)
    {
      CgRelationship *r = g_ptr_array_index (family->relationships, i);

      _cg_store_bind_text (stmt, 1, r->a);
      _cg_store_bind_text (stmt, 2, r->b);
      _cg_store_bind_text (stmt, 3, cg_relationship_kind_to_string (r->kind));
      _cg_store_bind_text (stmt, 4, r->from);
      _cg_store_bind_text (stmt, 5, r->to);
      _cg_store_bind_text (stmt, 6, r->note);
      if (!step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
insert_households (CgStore   *self,
                   CgFamily  *family,
                   GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!_cg_store_prepare (self,
                          "INSERT INTO household_member (household, person, from_date, to_date)\n"
                          "VALUES (?1, ?2, ?3, ?4)", &stmt, error))
    return FALSE;
  for (guint i = 0; i < family->households->len; i++)
    {
      CgHouseholdMember *m = g_ptr_array_index (family->households, i);

      _cg_store_bind_text (stmt, 1, m->household);
      _cg_store_bind_text (stmt, 2, m->person);
      _cg_store_bind_text (stmt, 3, m->from);
      _cg_store_bind_text (stmt, 4, m->to);
      if (!step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
cg_store_replace_family (CgStore   *self,
                         CgFamily  *family,
                         GError   **error)
{
  g_autofree char *detail = NULL;

  g_return_val_if_fail (CG_IS_STORE (self), FALSE);
  g_return_val_if_fail (family != NULL, FALSE);

  if (!cg_family_validate (family, error))
    return FALSE;

  /* Counts only: the audit log must not carry names into a published copy. */
  detail = g_strdup_printf ("%u people, %u relationships, %u households",
                            family->people->len, family->relationships->len,
                            cg_family_count_households (family));

  if (!_cg_store_begin (self, error))
    return FALSE;
  if (!_cg_store_exec (self,
                       "DELETE FROM household_member;\n"
                       "DELETE FROM relationship;\n"
                       "DELETE FROM person;", error) ||
      !insert_people (self, family, error) ||
      !insert_relationships (self, family, error) ||
      !insert_households (self, family, error) ||
      !cg_store_log (self, "family", detail, error))
    {
      _cg_store_rollback (self);
      return FALSE;
    }
  return _cg_store_commit (self, error);
}
