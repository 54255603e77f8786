# _socket's integer constants and their values (from the system headers). Not in minipy: the
# five that CPython numbers itself where the headers lack them (ALG_OP_SIGN, ALG_OP_VERIFY,
# ALG_SET_PUBKEY, UDPLITE_SEND_CSCOV, UDPLITE_RECV_CSCOV; see tests/py/builtins/dir_gaps.txt).
import _socket
import socket

own = {"ALG_OP_SIGN", "ALG_OP_VERIFY", "ALG_SET_PUBKEY", "UDPLITE_SEND_CSCOV", "UDPLITE_RECV_CSCOV"}
for name in sorted(dir(_socket)):
    value = getattr(_socket, name)
    if name[:1].isupper() and type(value) is int and name not in own:
        print(name, value)
# socket.py turns the families, types and flags into enums
print(socket.AF_CAN, socket.AF_PACKET, socket.AF_VSOCK, repr(socket.MSG_FASTOPEN))
