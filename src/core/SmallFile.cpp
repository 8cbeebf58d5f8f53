#include "core/SmallFile.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

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
  f.text.resize(maxBytes + 1);
  std::size_t got = 0;
  while (got < f.text.size()) {
    const ssize_t n = read(fd, f.text.data() + got, f.text.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      close(fd);
      return SmallFile{SmallFile::Status::Unreadable, {}, false};
    }
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  close(fd);
  f.truncated = got > maxBytes;
  f.text.resize(f.truncated ? maxBytes : got);
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
