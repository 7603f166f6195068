'use strict';
// The RemoteAuth store a pool client sees (docs/pool.md, "Crash during a backup"): it stands
// in front of the application's own store so that
// - every backup goes to a new entry `<account>@<token>.<n>` and becomes the one restored only
//   when commit_backup.lua accepts it (this worker still holds the account with that token);
//   a worker that lost the account can never replace a newer backup, and a crash while writing
//   leaves the previous one whole;
// - a restore reads the committed entry, whichever worker wrote it.
// Entry names come from Rust (NativePool.backupEntry / committedBackup), which checks every
// name Redis hands back before it reaches the application's store.

const fs = require('node:fs');
const path = require('node:path');

/**
 * Stores written for whatsapp-web.js (wwebjs-mongo and the like) read `<session>.zip` from the
 * working directory instead of the path they are given: a private link (or copy) is there for
 * the duration of the call.
 */
async function withWorkingDirCopy(zipPath, session, work) {
  const copy = path.resolve(`${session}.zip`);
  let made = false;
  if (zipPath && copy !== path.resolve(zipPath)) {
    try {
      await fs.promises.link(zipPath, copy);
      made = true;
    } catch {
      try {
        await fs.promises.copyFile(zipPath, copy, fs.constants.COPYFILE_EXCL);
        await fs.promises.chmod(copy, 0o600);
        made = true;
      } catch {
        // The store may well read `path`; if it reads the working directory it says so.
      }
    }
  }
  try {
    return await work();
  } finally {
    if (made) await fs.promises.unlink(copy).catch(() => {});
  }
}

function createFencedStore({ pool, store, account, token }) {
  const committed = () => pool.committedBackup(account);
  return {
    async sessionExists() {
      const entry = await committed();
      return entry ? Boolean(await store.sessionExists({ session: entry })) : false;
    },

    async extract({ path: zipPath }) {
      const entry = await committed();
      if (!entry) throw new Error(`session pool: ${account} has no committed backup to restore`);
      return store.extract({ session: entry, path: zipPath });
    },

    async save({ path: zipPath }) {
      const entry = pool.backupEntry(account, token);
      await withWorkingDirCopy(zipPath, entry, () => store.save({ session: entry, path: zipPath }));
      const result = await pool.commitBackup(account, token, entry);
      if (!result.committed) {
        await Promise.resolve(store.delete({ session: entry })).catch(() => {});
        const error = new Error(`session pool: the backup of ${account} was not kept: ${result.reason}`);
        error.code = 'ERR_SESSION_MOVED';
        throw error;
      }
      if (result.previous) await Promise.resolve(store.delete({ session: result.previous })).catch(() => {});
    },

    // logout(): nothing of the account is left to restore.
    async delete() {
      const entry = await committed();
      await pool.clearBackup(account);
      if (entry) await store.delete({ session: entry });
    },
  };
}

module.exports = { createFencedStore };
