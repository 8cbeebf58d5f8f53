#include "core/SmallFile.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace ml {

SmallFile readSmallFile(const std::filesystem::path& path, std::size_t maxBytes) {
  SmallFile f;
  const int fd = open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    f.status = errno == ENOENT ? SmallFile::Status::Missing : SmallFile::Status::Unreadable;
    return f;
  }
  struct stat st {};
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    f.status = S_ISREG(st.st_mode) ? SmallFile::Status::Unreadable : SmallFile::Status::NotRegular;
    close(fd);
    return f;
  }
  // Read as the file is, not as the limit allows: a buffer of the limit's size would be
  // zero-filled whole (1 MB for the time zone file, megabytes for a cache entry) and so
  // count in the process's memory for a few bytes read.
  const auto size = static_cast<std::size_t>(std::max<off_t>(st.st_size, 0));
  f.text.reserve(std::min(size, maxBytes) + 1);
  char buf[16384];
  while (f.text.size() <= maxBytes) {
    const ssize_t n = read(fd, buf, std::min(sizeof buf, maxBytes + 1 - f.text.size()));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      close(fd);
      return SmallFile{SmallFile::Status::Unreadable, {}, false};
    }
    if (n == 0) break;
    f.text.append(buf, static_cast<std::size_t>(n));
  }
  close(fd);
  f.truncated = f.text.size() > maxBytes;
  if (f.truncated) f.text.resize(maxBytes);
  f.status = SmallFile::Status::Ok;
  return f;
}

int createSmallFile(const std::filesystem::path& path) {
  struct stat st {};
  if (lstat(path.c_str(), &st) == 0) {
    if (!S_ISREG(st.st_mode)) {
      errno = EEXIST;
      return -1;
    }
    unlink(path.c_str());
  }
  return open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NONBLOCK | O_CLOEXEC | O_NOFOLLOW, 0644);
}

}  // namespace ml
