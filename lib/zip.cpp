#include "verbatim/zip.hpp"

#include <zip.h>

#include <fmt/format.h>

#include "verbatim/error.hpp"
#include "verbatim/source.hpp"

namespace verbatim {

namespace {

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
struct ZipFileCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};

Error zip_error(std::string_view name, std::string msg) {
  return Error(Location{std::string(name), 0, 0, std::nullopt}, std::move(msg));
}

}  // namespace

struct ZipReader::Impl {
  std::string name, kind;
  std::unique_ptr<zip_t, ZipCloser> za;
};

ZipReader::ZipReader(std::string_view bytes, std::string_view name, std::string_view kind)
    : impl_(std::make_unique<Impl>()) {
  impl_->name = std::string(name);
  impl_->kind = std::string(kind);
  const std::string not_zip = fmt::format("not a {} file: not a zip archive", kind);
  // libzip reads zero bytes as an empty archive: check the local-file signature first.
  if (!bytes.starts_with("PK")) throw zip_error(name, not_zip);
  zip_error_t zerr;
  zip_error_init(&zerr);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &zerr);
  if (!src) throw zip_error(name, fmt::format("cannot read the {} file", kind));
  impl_->za.reset(zip_open_from_source(src, ZIP_RDONLY, &zerr));
  zip_error_fini(&zerr);
  if (!impl_->za) {
    zip_source_free(src);
    throw zip_error(name, not_zip);
  }
}

ZipReader::~ZipReader() = default;

bool ZipReader::has(const std::string& member) const {
  return zip_name_locate(impl_->za.get(), member.c_str(), 0) >= 0;
}

std::vector<std::string> ZipReader::members() const {
  std::vector<std::string> out;
  const zip_int64_t n = zip_get_num_entries(impl_->za.get(), 0);
  for (zip_int64_t i = 0; i < n; ++i) {
    if (const char* s = zip_get_name(impl_->za.get(), static_cast<zip_uint64_t>(i), 0))
      out.emplace_back(s);
  }
  return out;
}

std::string ZipReader::read(const std::string& member, std::uint64_t limit) const {
  const std::string& name = impl_->name;
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat(impl_->za.get(), member.c_str(), 0, &st) != 0) {
    throw zip_error(name, fmt::format("not a {} file: the archive has no {}", impl_->kind, member));
  }
  auto too_large = [&]() {
    return zip_error(name, fmt::format("{} inflates beyond the {} limit (--max-zip-entry)", member,
                                       format_size(limit)));
  };
  if ((st.valid & ZIP_STAT_SIZE) && st.size > limit) throw too_large();
  std::unique_ptr<zip_file_t, ZipFileCloser> f(zip_fopen(impl_->za.get(), member.c_str(), 0));
  if (!f) throw zip_error(name, fmt::format("cannot open {} in the {}", member, impl_->kind));
  // Bound what is read, whatever the header claims.
  std::string out;
  char buf[65536];
  for (;;) {
    const zip_int64_t got = zip_fread(f.get(), buf, sizeof buf);
    if (got < 0)
      throw zip_error(name, fmt::format("corrupt {}: cannot inflate {}", impl_->kind, member));
    if (got == 0) break;
    out.append(buf, static_cast<std::size_t>(got));
    if (out.size() > limit) throw too_large();
  }
  return out;
}

std::string make_zip(const std::vector<std::pair<std::string, std::string>>& members) {
  zip_error_t zerr;
  zip_error_init(&zerr);
  zip_source_t* mem = zip_source_buffer_create(nullptr, 0, 0, &zerr);
  if (!mem) throw Error("cannot create a zip archive in memory");
  zip_source_keep(mem);
  zip_t* za = zip_open_from_source(mem, ZIP_TRUNCATE, &zerr);
  zip_error_fini(&zerr);
  if (!za) {
    zip_source_free(mem);
    throw Error("cannot create a zip archive in memory");
  }
  for (const auto& [name, bytes] : members) {
    zip_source_t* s = zip_source_buffer(za, bytes.data(), bytes.size(), 0);
    const zip_int64_t idx = s ? zip_file_add(za, name.c_str(), s, ZIP_FL_ENC_UTF_8) : -1;
    if (idx < 0) {
      if (s) zip_source_free(s);
      zip_discard(za);
      zip_source_free(mem);
      throw Error(fmt::format("cannot add {} to a zip archive", name));
    }
    // A fixed time (1980-01-01, the first DOS date) keeps archives byte-identical.
    zip_file_set_dostime(za, static_cast<zip_uint64_t>(idx), 0, (0 << 9) | (1 << 5) | 1, 0);
    zip_set_file_compression(za, static_cast<zip_uint64_t>(idx), ZIP_CM_DEFLATE, 9);
  }
  if (zip_close(za) != 0) {
    zip_discard(za);
    zip_source_free(mem);
    throw Error("cannot write a zip archive in memory");
  }
  std::string out;
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_source_stat(mem, &st) == 0 && zip_source_open(mem) == 0) {
    out.resize(static_cast<std::size_t>(st.size));
    const zip_int64_t got = zip_source_read(mem, out.data(), st.size);
    zip_source_close(mem);
    if (got < 0 || static_cast<zip_uint64_t>(got) != st.size) out.clear();
  }
  zip_source_free(mem);
  if (out.empty()) throw Error("cannot read back a zip archive made in memory");
  return out;
}

}  // namespace verbatim
