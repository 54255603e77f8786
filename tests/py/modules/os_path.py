import os.path
print(os.path.join("a", "b", "c.txt"), os.path.join("/root", "x"), os.path.join("a", "/abs", "b"), os.path.join("a/", "b"))
print(os.path.basename("/x/y/file.tar.gz"), os.path.dirname("/x/y/file.tar.gz"), os.path.basename("dir/"), os.path.dirname("file"))
print(os.path.splitext("archive.tar.gz"), os.path.splitext("noext"), os.path.splitext(".hidden"), os.path.splitext("a/b.c/d"))
print(os.path.split("/a/b/c"), os.path.split("c"), os.path.isabs("/a"), os.path.isabs("a"))
print(os.path.normpath("a//b/./c/../d"), os.path.exists("os_path.py"), os.path.abspath("x").endswith("/modules/x"))
print(os.path.join(os.path.dirname("pkg_helper/helper_mod.py"), "__init__.py"), os.path.exists(os.path.join("pkg_helper", "__init__.py")))
