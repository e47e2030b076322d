/* replay.c: runs a fuzz target on every saved input, without libFuzzer
 *
 * Linked with one target into an ordinary executable, so the saved corpus
 * (seeds, and every input that once crashed) runs in the normal test suite
 * with any compiler. Arguments are files or folders of files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <glib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

static gboolean
collect (const char  *path,
         GPtrArray   *paths,
         GError     **error)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_ptr_array_add (paths, g_strdup (path));
      return TRUE;
    }
  if (!(dir = g_dir_open (path, 0, error)))
    return FALSE;
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (paths, g_build_filename (path, name, NULL));
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  if (argc < 2)
    {
      fprintf (stderr, "usage: %s CORPUS-FOLDER|FILE…\n", argv[0]);
      return 2;
    }
  for (int i = 1; i < argc; i++)
    if (!collect (argv[i], paths, &error))
      {
        fprintf (stderr, "%s: %s\n", argv[i], error->message);
        return 1;
      }
  /* An empty corpus would pass without testing anything. */
  if (paths->len == 0)
    {
      fprintf (stderr, "%s: no inputs to replay\n", argv[0]);
      return 1;
    }
  g_ptr_array_sort (paths, compare_paths);

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autofree char *data = NULL;
      gsize len;

      if (!g_file_get_contents (path, &data, &len, &error))
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      /* Named before the run, so a crash shows which input caused it. */
      printf ("replaying %s (%" G_GSIZE_FORMAT " bytes)\n", path, len);
      fflush (stdout);
      LLVMFuzzerTestOneInput ((const uint8_t *)data, len);
    }
  printf ("%u inputs replayed without a failure\n", paths->len);
  return 0;
}
