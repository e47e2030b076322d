/* cg-zip.c: zip containers, written and read in memory with libzip
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cg-zip"

#include "config.h"

#include <time.h>

#include <glib/gi18n-lib.h>
#include <zip.h>

#include "cg-errors.h"
#include "cg-zip.h"

/* Zip entries larger than this are not read back for scanning: nothing we
 * write comes near it, and it bounds memory on a damaged file. */
#define CG_ZIP_MAX_ENTRY (512u * 1024u * 1024u)

struct _CgZipWriter
{
  zip_source_t *buffer;   /* the archive's bytes, kept across zip_close () */
  zip_t        *archive;
  GPtrArray    *contents; /* GBytes: libzip reads them only at zip_close () */
};

static void
set_zip_error (GError      **error,
               zip_error_t  *zerror)
{
  g_set_error (error, CG_ERROR, CG_ERROR_FAILED,
               _("the document container could not be built: %s"), zip_error_strerror (zerror));
}

CgZipWriter *
cg_zip_writer_new (GError **error)
{
  g_autoptr(CgZipWriter) self = g_new0 (CgZipWriter, 1);
  zip_error_t zerror;

  zip_error_init (&zerror);
  self->contents = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  self->buffer = zip_source_buffer_create (NULL, 0, 0, &zerror);
  if (self->buffer == NULL)
    {
      set_zip_error (error, &zerror);
      zip_error_fini (&zerror);
      return NULL;
    }
  /* zip_close () would otherwise free the source holding the result. */
  zip_source_keep (self->buffer);
  self->archive = zip_open_from_source (self->buffer, ZIP_TRUNCATE, &zerror);
  if (self->archive == NULL)
    {
      set_zip_error (error, &zerror);
      zip_error_fini (&zerror);
      return NULL;
    }
  zip_error_fini (&zerror);
  return g_steal_pointer (&self);
}

gboolean
cg_zip_writer_add (CgZipWriter  *self,
                   const char   *name,
                   GBytes       *data,
                   gboolean      compress,
                   GError      **error)
{
  zip_source_t *source;
  zip_int64_t index;
  gsize len = 0;
  const void *bytes = g_bytes_get_data (data, &len);

  g_return_val_if_fail (self != NULL && self->archive != NULL, FALSE);

  source = zip_source_buffer (self->archive, bytes, len, 0);
  if (source == NULL)
    {
      set_zip_error (error, zip_get_error (self->archive));
      return FALSE;
    }
  index = zip_file_add (self->archive, name, source, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
  if (index < 0)
    {
      zip_source_free (source);
      set_zip_error (error, zip_get_error (self->archive));
      return FALSE;
    }
  g_ptr_array_add (self->contents, g_bytes_ref (data));
  if (zip_set_file_compression (self->archive, index,
                                compress ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 0) < 0
      || zip_file_set_mtime (self->archive, index, time (NULL), 0) < 0)
    {
      set_zip_error (error, zip_get_error (self->archive));
      return FALSE;
    }
  return TRUE;
}

GBytes *
cg_zip_writer_finish (CgZipWriter  *self,
                      GError      **error)
{
  zip_stat_t st;
  g_autofree guint8 *data = NULL;
  zip_int64_t n;

  g_return_val_if_fail (self != NULL && self->archive != NULL, NULL);

  if (zip_close (self->archive) < 0)
    {
      set_zip_error (error, zip_get_error (self->archive));
      return NULL;
    }
  self->archive = NULL;

  zip_stat_init (&st);
  if (zip_source_stat (self->buffer, &st) < 0 || !(st.valid & ZIP_STAT_SIZE)
      || zip_source_open (self->buffer) < 0)
    {
      set_zip_error (error, zip_source_error (self->buffer));
      return NULL;
    }
  data = g_malloc (MAX (st.size, 1));
  n = zip_source_read (self->buffer, data, st.size);
  zip_source_close (self->buffer);
  if (n < 0 || (zip_uint64_t)n != st.size)
    {
      set_zip_error (error, zip_source_error (self->buffer));
      return NULL;
    }
  return g_bytes_new_take (g_steal_pointer (&data), st.size);
}

void
cg_zip_writer_free (CgZipWriter *self)
{
  if (self == NULL)
    return;
  if (self->archive != NULL)
    zip_discard (self->archive);
  if (self->buffer != NULL)
    zip_source_free (self->buffer);
  g_clear_pointer (&self->contents, g_ptr_array_unref);
  g_free (self);
}

static gboolean
read_entry (zip_t        *archive,
            zip_uint64_t  index,
            const char   *name,
            GBytes      **bytes,
            GError      **error)
{
  zip_stat_t st;
  zip_file_t *file;
  g_autofree guint8 *data = NULL;
  zip_int64_t n;

  zip_stat_init (&st);
  if (zip_stat_index (archive, index, 0, &st) < 0 || !(st.valid & ZIP_STAT_SIZE)
      || st.size > CG_ZIP_MAX_ENTRY)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_DAMAGED,
                   _("the entry “%s” of the document container cannot be read"), name);
      return FALSE;
    }
  if (!(file = zip_fopen_index (archive, index, 0)))
    {
      g_set_error (error, CG_ERROR, CG_ERROR_DAMAGED,
                   _("the entry “%s” of the document container cannot be read: %s"), name,
                   zip_strerror (archive));
      return FALSE;
    }
  data = g_malloc (MAX (st.size, 1));
  n = zip_fread (file, data, st.size);
  zip_fclose (file);
  if (n < 0 || (zip_uint64_t)n != st.size)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_DAMAGED,
                   _("the entry “%s” of the document container is damaged"), name);
      return FALSE;
    }
  *bytes = g_bytes_new_take (g_steal_pointer (&data), st.size);
  return TRUE;
}

gboolean
cg_zip_foreach_entry (GBytes          *zip,
                      CgZipEntryFunc   func,
                      gpointer         user_data,
                      GError         **error)
{
  zip_error_t zerror;
  zip_source_t *source;
  zip_t *archive = NULL;
  zip_int64_t n_entries;
  gsize len = 0;
  const void *data = g_bytes_get_data (zip, &len);
  gboolean ok = TRUE;

  zip_error_init (&zerror);
  source = zip_source_buffer_create (data, len, 0, &zerror);
  if (source != NULL)
    archive = zip_open_from_source (source, ZIP_RDONLY | ZIP_CHECKCONS, &zerror);
  if (source == NULL || archive == NULL)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_DAMAGED,
                   _("the document container cannot be read: %s"), zip_error_strerror (&zerror));
      if (source != NULL)
        zip_source_free (source);
      zip_error_fini (&zerror);
      return FALSE;
    }
  zip_error_fini (&zerror);

  n_entries = zip_get_num_entries (archive, 0);
  for (zip_int64_t i = 0; ok && i < n_entries; i++)
    {
      g_autoptr(GBytes) bytes = NULL;
      const char *name = zip_get_name (archive, i, ZIP_FL_ENC_GUESS);

      if (name == NULL)
        name = "?";
      ok = read_entry (archive, i, name, &bytes, error) && func (name, bytes, user_data, error);
    }
  /* Frees the source too. */
  zip_discard (archive);
  return ok;
}
