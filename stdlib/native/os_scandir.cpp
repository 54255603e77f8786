// os.scandir: an iterator of os.DirEntry over a directory given by path (str or bytes) or by an
// open descriptor. A DirEntry answers is_dir/is_file/is_symlink from the directory entry's
// type when the file system reports one, and stats (then caches) only when it must, as
// CPython's; entry.path is the scandir path joined with the name (the bare name for a
// descriptor). os.walk, shutil.copytree/rmtree and glob iterate with it.
#include "stdlib/native/os_scandir.h"

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "runtime/bigint.h"
#include "runtime/errors.h"
#include "runtime/objects/bytes.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/generic_alias.h"
#include "runtime/objects/int.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/ops.h"
#include "stdlib/native/oserror.h"

namespace minipy::lib {

using namespace rt;

namespace {

struct DirEntryObject : Object {
  Ref name;  // str or bytes, as the scandir path
  Ref path;
  int dir_fd = -1;  // scandir(fd): stats are relative to it
  unsigned char d_type = DT_UNKNOWN;
  ino_t ino = 0;
  Ref stat;   // cached stat(follow_symlinks=True)
  Ref lstat;  // cached stat(follow_symlinks=False)
};

struct ScandirObject : Object {
  DIR* dir = nullptr;
  Ref path;  // the scandir argument (null for a descriptor); entries join their names to it
  bool is_bytes = false;
  int fd = -1;
};

TypeObject direntry_type;
TypeObject scandir_type;

DirEntryObject* as_entry(Value v) { return static_cast<DirEntryObject*>(v.obj()); }
ScandirObject* as_scandir(Value v) { return static_cast<ScandirObject*>(v.obj()); }

// ---------------------------------------------------------------- DirEntry

/// Stats the entry (following symlinks or not) and caches the result.
Ref fetch_stat(DirEntryObject* e, bool follow) {
  Ref& cache = follow ? e->stat : e->lstat;
  if (cache) return cache.dup();
  std::string_view p;
  bytes_like_data(e->path.get(), &p);
  if (is_str(e->path.get())) p = as_str(e->path.get())->view();
  std::string path(p);
  struct stat st;
  int r = e->dir_fd >= 0 ? ::fstatat(e->dir_fd, path.c_str(), &st, follow ? 0 : AT_SYMLINK_NOFOLLOW)
                         : (follow ? ::stat(path.c_str(), &st) : ::lstat(path.c_str(), &st));
  if (r != 0) return raise_os_error(errno, e->path.get());
  cache = stat_result_from(st);
  return cache.dup();
}

/// The st_mode of the entry, or -1 with an exception.
int64_t entry_mode(DirEntryObject* e, bool follow) {
  Ref st = fetch_stat(e, follow);
  if (!st) return -1;
  Ref mode = getattr(st.get(), "st_mode");
  int64_t m;
  if (!mode || !int_to_int64(mode.get(), &m)) return -1;
  return m;
}

bool is_symlink(DirEntryObject* e, int* out) {
  if (e->d_type != DT_UNKNOWN) {
    *out = e->d_type == DT_LNK;
    return true;
  }
  int64_t m = entry_mode(e, false);
  if (m < 0) return false;
  *out = S_ISLNK(m);
  return true;
}

/// is_dir/is_file: from d_type when it answers, else from a stat; a vanished file is False.
Ref test_mode(DirEntryObject* e, bool follow, mode_t kind) {
  bool need_stat = e->d_type == DT_UNKNOWN || (follow && e->d_type == DT_LNK);
  if (!need_stat) return bool_ref(kind == S_IFDIR ? e->d_type == DT_DIR : e->d_type == DT_REG);
  int64_t m = entry_mode(e, follow);
  if (m < 0) {
    if (exception_matches(&exc_FileNotFoundError)) {
      clear_exception();
      return bool_ref(false);
    }
    return Ref();
  }
  return bool_ref((m & S_IFMT) == kind);
}

Ref de_is_dir(Value self, NativeArgs& a) { return test_mode(as_entry(self), a.flag(0), S_IFDIR); }
Ref de_is_file(Value self, NativeArgs& a) { return test_mode(as_entry(self), a.flag(0), S_IFREG); }
Ref de_is_symlink(Value self, NativeArgs&) {
  int r;
  if (!is_symlink(as_entry(self), &r)) return Ref();
  return bool_ref(r != 0);
}
Ref de_stat(Value self, NativeArgs& a) {
  DirEntryObject* e = as_entry(self);
  bool follow = a.flag(0);
  if (follow) {
    int link;
    if (!is_symlink(e, &link)) return Ref();
    if (!link) return fetch_stat(e, false);  // not a link: stat and lstat agree
  }
  return fetch_stat(e, follow);
}
Ref de_inode(Value self, NativeArgs&) {
  return int_from_bigint(BigInt::from_uint64(static_cast<uint64_t>(as_entry(self)->ino)));
}
Ref de_fspath(Value self, NativeArgs&) { return as_entry(self)->path.dup(); }

Ref de_get_name(Value self) { return as_entry(self)->name.dup(); }
Ref de_get_path(Value self) { return as_entry(self)->path.dup(); }

Ref de_repr(Value self) {
  Ref r = repr(as_entry(self)->name.get());
  if (!r) return r;
  return str_new(fmt::format("<DirEntry {}>", as_str(r.get())->view()));
}

void de_dealloc(Object* o) { delete static_cast<DirEntryObject*>(o); }
void de_traverse(Object* o, VisitFn visit, void* arg) {
  auto* e = static_cast<DirEntryObject*>(o);
  visit_value(e->name.get(), visit, arg);
  visit_value(e->path.get(), visit, arg);
  visit_value(e->stat.get(), visit, arg);
  visit_value(e->lstat.get(), visit, arg);
}

const NativeDef kDirEntryMethods[] = {
    {"is_dir($self, /, *, follow_symlinks: bool = True)", de_is_dir},
    {"is_file($self, /, *, follow_symlinks: bool = True)", de_is_file},
    {"is_symlink($self, /)", de_is_symlink},
    {"stat($self, /, *, follow_symlinks: bool = True)", de_stat},
    {"inode($self, /)", de_inode},
    {"__fspath__($self, /)", de_fspath},
};

// ---------------------------------------------------------------- the iterator

void close_dir(ScandirObject* s) {
  if (s->dir != nullptr) {
    ::closedir(s->dir);
    s->dir = nullptr;
  }
}

Ref sc_next(Value self) {
  ScandirObject* s = as_scandir(self);
  if (s->dir == nullptr) return Ref();
  for (;;) {
    errno = 0;
    struct dirent* d = ::readdir(s->dir);
    if (d == nullptr) {
      int err = errno;
      close_dir(s);
      if (err != 0) return raise_os_error(err, s->path ? s->path.get() : Value());
      return Ref();  // exhausted
    }
    if (std::strcmp(d->d_name, ".") == 0 || std::strcmp(d->d_name, "..") == 0) continue;
    auto* e = alloc_instance<DirEntryObject>(&direntry_type);
    Ref entry = Ref::steal(Value(e));
    std::string name = d->d_name;
    std::string full = name;
    if (s->path) {
      std::string_view base;
      if (is_str(s->path.get())) {
        base = as_str(s->path.get())->view();
      } else {
        bytes_like_data(s->path.get(), &base);
      }
      full = std::string(base);
      if (!full.empty() && full.back() != '/') full += '/';
      full += name;
    }
    e->name = s->is_bytes ? bytes_new(name) : str_new(name);
    e->path = s->is_bytes ? bytes_new(full) : str_new(full);
    e->dir_fd = s->fd;
    e->d_type = d->d_type;
    e->ino = d->d_ino;
    return entry;
  }
}

Ref sc_iter(Value self) { return Ref::new_ref(self); }

Ref sc_close(Value self, NativeArgs&) {
  close_dir(as_scandir(self));
  return none_ref();
}
Ref sc_enter(Value self, NativeArgs&) { return Ref::new_ref(self); }
Ref sc_exit(Value self, NativeArgs&) {
  close_dir(as_scandir(self));
  return bool_ref(false);
}

void sc_dealloc(Object* o) {
  auto* s = static_cast<ScandirObject*>(o);
  close_dir(s);
  delete s;
}
void sc_traverse(Object* o, VisitFn visit, void* arg) {
  visit_value(static_cast<ScandirObject*>(o)->path.get(), visit, arg);
}

const NativeDef kScandirMethods[] = {
    {"close($self, /)", sc_close},
    {"__enter__($self, /)", sc_enter},
    {"__exit__($self, *args)", sc_exit},
};

Ref os_scandir(Value, NativeArgs& a) {
  auto* s = alloc_instance<ScandirObject>(&scandir_type);
  Ref it = Ref::steal(Value(s));
  DIR* dir;
  if (a.given(0) && a.path_is_fd(0)) {
    // The iterator reads through its own descriptor; entries stat relative to the caller's.
    s->fd = a.i32(0);
    int dupfd = ::fcntl(s->fd, F_DUPFD_CLOEXEC, 0);
    dir = dupfd < 0 ? nullptr : ::fdopendir(dupfd);
    if (dir == nullptr) {
      int err = errno;
      if (dupfd >= 0) ::close(dupfd);
      return raise_os_error(err, Value());
    }
    ::rewinddir(dir);
  } else {
    std::string p = a.given(0) ? std::string(a.str(0)) : ".";
    s->is_bytes = a.given(0) && a.path_is_bytes(0);
    s->path = a.given(0) ? Ref::new_ref(a[0]) : str_new(".");
    if (a.given(0) && !is_str(a[0]) && !is_bytes(a[0])) {  // an os.PathLike: join to its path
      s->path = s->is_bytes ? bytes_new(p) : str_new(p);
    }
    dir = ::opendir(p.c_str());
    if (dir == nullptr) return raise_os_error(errno, a.given(0) ? a[0] : s->path.get());
  }
  s->dir = dir;
  return it;
}

const NativeDef kScandir = {"scandir($module, /, path: path_fd? = None)", os_scandir};

}  // namespace

bool scandir_init(Value module, DictObject* ns) {
  if (direntry_type.name.empty()) {
    direntry_type.name = "DirEntry";
    direntry_type.module = "posix";
    direntry_type.basic_size = sizeof(DirEntryObject);
    direntry_type.dealloc = de_dealloc;
    direntry_type.traverse = de_traverse;
    direntry_type.repr = de_repr;
    type_ready(&direntry_type, &object_type);
    type_add_module_attr(&direntry_type);
    add_methods(&direntry_type, kDirEntryMethods);
    add_getset(&direntry_type, "name", de_get_name);
    add_getset(&direntry_type, "path", de_get_path);
    add_class_getitem(&direntry_type);

    scandir_type.name = "ScandirIterator";
    scandir_type.module = "posix";
    scandir_type.basic_size = sizeof(ScandirObject);
    scandir_type.dealloc = sc_dealloc;
    scandir_type.traverse = sc_traverse;
    scandir_type.iter = sc_iter;
    scandir_type.iternext = sc_next;
    type_ready(&scandir_type, &object_type);
    type_add_module_attr(&scandir_type);
    add_methods(&scandir_type, kScandirMethods);
  }
  dict_set_cstr(ns, "DirEntry", Value(&direntry_type));
  Ref f = native_function_from_def(kScandir, module);
  dict_set_cstr(ns, "scandir", f.get());
  return true;
}

}  // namespace minipy::lib
