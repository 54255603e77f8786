# Struct sequences pickle and copy through __reduce__ (type, (visible items, {hidden: value})), hidden
# fields (tm_zone, st_mtime_ns) included, and the constructor takes the dict back.
import pickle, time, os, copy, sys
t = time.gmtime(86400 * 365)
for p in range(6):
    t2 = pickle.loads(pickle.dumps(t, p))
    print(p, t2 == t, type(t2).__name__, t2.tm_zone, t2.tm_gmtoff)
st = os.stat('/')
s2 = pickle.loads(pickle.dumps(st))
print(s2 == st, s2.st_mtime == st.st_mtime, s2.st_mtime_ns == st.st_mtime_ns)
print(copy.copy(t) == t, copy.deepcopy(t).tm_zone)
print(time.struct_time((1,2,3,4,5,6,7,8,9), {'tm_zone': 'X'}).tm_zone)
print(time.struct_time((1,2,3,4,5,6,7,8,9)).tm_zone)
print(t.__reduce__())
print(sys.flags.__reduce__()[1][1])
