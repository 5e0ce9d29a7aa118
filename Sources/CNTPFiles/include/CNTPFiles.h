// The one file operation Swift cannot reach through Glibc: exchanging two paths in one step.
#ifndef NTP_CNTPFILES_H
#define NTP_CNTPFILES_H

/// Exchanges the entries at `first` and `second` atomically (Linux renameat2 with RENAME_EXCHANGE,
/// macOS renamex_np with RENAME_SWAP): at every instant each path names one of the two, whole.
/// Returns 0, or -1 with errno set (EINVAL or ENOSYS where the file system or kernel cannot do it).
int ntp_files_exchange(const char *first, const char *second);

#endif
