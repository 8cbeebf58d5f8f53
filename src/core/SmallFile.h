// Reading a small settings or state file safely: opened without blocking (O_NONBLOCK, so a
// FIFO or a device at that path cannot hang the program), refused unless it is a regular
// file, read up to a size cap. Pure I/O on the calling thread; never throws but bad_alloc.
#pragma once
#include <cstddef>
#include <filesystem>
#include <string>

namespace ml {

struct SmallFile {
  enum class Status { Ok, Missing, NotRegular, Unreadable };
  Status status = Status::Missing;
  std::string text;        // Ok: at most maxBytes bytes
  bool truncated = false;  // Ok: the file was longer than maxBytes
};

SmallFile readSmallFile(const std::filesystem::path& path, std::size_t maxBytes);

// Opens `path` for writing a new file without blocking and without following a symlink or
// writing into a FIFO or device there: replaces what is there only when it is a regular file.
// Returns the fd (O_CLOEXEC) or -1 with errno set.
int createSmallFile(const std::filesystem::path& path);

}  // namespace ml
