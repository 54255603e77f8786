// _socket's constants beyond the core set in socket_addr.cpp: the address families, protocols
// and options of Linux's other socket kinds (CAN, J1939, TIPC, VSOCK, ALG, netlink, packet, RDS)
// and the rarer IP/IPv6/TCP options, each taken from the system headers where they define it.
// (A file of its own: socket.cpp and socket_addr.cpp hold the socket code proper.)
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#if __has_include(<linux/netlink.h>)
#include <linux/netlink.h>
#endif
#if __has_include(<linux/can.h>)
#include <linux/can.h>
#endif
#if __has_include(<linux/can/raw.h>)
#include <linux/can/raw.h>
#endif
#if __has_include(<linux/can/bcm.h>)
#include <linux/can/bcm.h>
#endif
#if __has_include(<linux/can/j1939.h>)
#include <linux/can/j1939.h>
#endif
#if __has_include(<linux/tipc.h>)
#include <linux/tipc.h>
#endif
#if __has_include(<linux/vm_sockets.h>)
#include <linux/vm_sockets.h>
#endif
#if __has_include(<linux/if_alg.h>)
#include <linux/if_alg.h>
#endif
#if __has_include(<netpacket/packet.h>)
#include <netpacket/packet.h>
#endif

#include <cstdint>

#include "runtime/objects/dict.h"
#include "runtime/objects/int.h"

namespace minipy::lib {

using namespace rt;

namespace {

struct SocketConstant {
  const char* name;
  int64_t value;
};

#define K(name) {#name, static_cast<int64_t>(name)},
// One entry per line, left as written: the preprocessor lines confuse clang-format's layout.
// clang-format off
const SocketConstant kMoreConstants[] = {
#ifdef AF_ALG
    K(AF_ALG)
#endif
#ifdef AF_APPLETALK
    K(AF_APPLETALK)
#endif
#ifdef AF_ASH
    K(AF_ASH)
#endif
#ifdef AF_ATMPVC
    K(AF_ATMPVC)
#endif
#ifdef AF_ATMSVC
    K(AF_ATMSVC)
#endif
#ifdef AF_AX25
    K(AF_AX25)
#endif
#ifdef AF_BRIDGE
    K(AF_BRIDGE)
#endif
#ifdef AF_CAN
    K(AF_CAN)
#endif
#ifdef AF_DECnet
    K(AF_DECnet)
#endif
#ifdef AF_ECONET
    K(AF_ECONET)
#endif
#ifdef AF_IPX
    K(AF_IPX)
#endif
#ifdef AF_IRDA
    K(AF_IRDA)
#endif
#ifdef AF_KEY
    K(AF_KEY)
#endif
#ifdef AF_LLC
    K(AF_LLC)
#endif
#ifdef AF_NETBEUI
    K(AF_NETBEUI)
#endif
#ifdef AF_NETLINK
    K(AF_NETLINK)
#endif
#ifdef AF_NETROM
    K(AF_NETROM)
#endif
#ifdef AF_PACKET
    K(AF_PACKET)
#endif
#ifdef AF_PPPOX
    K(AF_PPPOX)
#endif
#ifdef AF_QIPCRTR
    K(AF_QIPCRTR)
#endif
#ifdef AF_RDS
    K(AF_RDS)
#endif
#ifdef AF_ROSE
    K(AF_ROSE)
#endif
#ifdef AF_ROUTE
    K(AF_ROUTE)
#endif
#ifdef AF_SECURITY
    K(AF_SECURITY)
#endif
#ifdef AF_SNA
    K(AF_SNA)
#endif
#ifdef AF_TIPC
    K(AF_TIPC)
#endif
#ifdef AF_VSOCK
    K(AF_VSOCK)
#endif
#ifdef AF_WANPIPE
    K(AF_WANPIPE)
#endif
#ifdef AF_X25
    K(AF_X25)
#endif
#ifdef ALG_OP_DECRYPT
    K(ALG_OP_DECRYPT)
#endif
#ifdef ALG_OP_ENCRYPT
    K(ALG_OP_ENCRYPT)
#endif
#ifdef ALG_SET_AEAD_ASSOCLEN
    K(ALG_SET_AEAD_ASSOCLEN)
#endif
#ifdef ALG_SET_AEAD_AUTHSIZE
    K(ALG_SET_AEAD_AUTHSIZE)
#endif
#ifdef ALG_SET_IV
    K(ALG_SET_IV)
#endif
#ifdef ALG_SET_KEY
    K(ALG_SET_KEY)
#endif
#ifdef ALG_SET_OP
    K(ALG_SET_OP)
#endif
#ifdef CAN_BCM
    K(CAN_BCM)
#endif
#ifdef CAN_EFF_FLAG
    K(CAN_EFF_FLAG)
#endif
#ifdef CAN_EFF_MASK
    K(CAN_EFF_MASK)
#endif
#ifdef CAN_ERR_FLAG
    K(CAN_ERR_FLAG)
#endif
#ifdef CAN_ERR_MASK
    K(CAN_ERR_MASK)
#endif
#ifdef CAN_ISOTP
    K(CAN_ISOTP)
#endif
#ifdef CAN_J1939
    K(CAN_J1939)
#endif
#ifdef CAN_RAW
    K(CAN_RAW)
#endif
#ifdef CAN_RTR_FLAG
    K(CAN_RTR_FLAG)
#endif
#ifdef CAN_SFF_MASK
    K(CAN_SFF_MASK)
#endif
#ifdef IOCTL_VM_SOCKETS_GET_LOCAL_CID
    K(IOCTL_VM_SOCKETS_GET_LOCAL_CID)
#endif
#ifdef IPPROTO_AH
    K(IPPROTO_AH)
#endif
#ifdef IPPROTO_DSTOPTS
    K(IPPROTO_DSTOPTS)
#endif
#ifdef IPPROTO_EGP
    K(IPPROTO_EGP)
#endif
#ifdef IPPROTO_ESP
    K(IPPROTO_ESP)
#endif
#ifdef IPPROTO_FRAGMENT
    K(IPPROTO_FRAGMENT)
#endif
#ifdef IPPROTO_GRE
    K(IPPROTO_GRE)
#endif
#ifdef IPPROTO_HOPOPTS
    K(IPPROTO_HOPOPTS)
#endif
#ifdef IPPROTO_IDP
    K(IPPROTO_IDP)
#endif
#ifdef IPPROTO_IGMP
    K(IPPROTO_IGMP)
#endif
#ifdef IPPROTO_IPIP
    K(IPPROTO_IPIP)
#endif
#ifdef IPPROTO_MPTCP
    K(IPPROTO_MPTCP)
#endif
#ifdef IPPROTO_NONE
    K(IPPROTO_NONE)
#endif
#ifdef IPPROTO_PIM
    K(IPPROTO_PIM)
#endif
#ifdef IPPROTO_PUP
    K(IPPROTO_PUP)
#endif
#ifdef IPPROTO_ROUTING
    K(IPPROTO_ROUTING)
#endif
#ifdef IPPROTO_RSVP
    K(IPPROTO_RSVP)
#endif
#ifdef IPPROTO_SCTP
    K(IPPROTO_SCTP)
#endif
#ifdef IPPROTO_TP
    K(IPPROTO_TP)
#endif
#ifdef IPPROTO_UDPLITE
    K(IPPROTO_UDPLITE)
#endif
#ifdef IPV6_CHECKSUM
    K(IPV6_CHECKSUM)
#endif
#ifdef IPV6_DONTFRAG
    K(IPV6_DONTFRAG)
#endif
#ifdef IPV6_DSTOPTS
    K(IPV6_DSTOPTS)
#endif
#ifdef IPV6_HOPLIMIT
    K(IPV6_HOPLIMIT)
#endif
#ifdef IPV6_HOPOPTS
    K(IPV6_HOPOPTS)
#endif
#ifdef IPV6_NEXTHOP
    K(IPV6_NEXTHOP)
#endif
#ifdef IPV6_PATHMTU
    K(IPV6_PATHMTU)
#endif
#ifdef IPV6_PKTINFO
    K(IPV6_PKTINFO)
#endif
#ifdef IPV6_RECVDSTOPTS
    K(IPV6_RECVDSTOPTS)
#endif
#ifdef IPV6_RECVHOPLIMIT
    K(IPV6_RECVHOPLIMIT)
#endif
#ifdef IPV6_RECVHOPOPTS
    K(IPV6_RECVHOPOPTS)
#endif
#ifdef IPV6_RECVPATHMTU
    K(IPV6_RECVPATHMTU)
#endif
#ifdef IPV6_RECVPKTINFO
    K(IPV6_RECVPKTINFO)
#endif
#ifdef IPV6_RECVRTHDR
    K(IPV6_RECVRTHDR)
#endif
#ifdef IPV6_RECVTCLASS
    K(IPV6_RECVTCLASS)
#endif
#ifdef IPV6_RTHDR
    K(IPV6_RTHDR)
#endif
#ifdef IPV6_RTHDRDSTOPTS
    K(IPV6_RTHDRDSTOPTS)
#endif
#ifdef IPV6_RTHDR_TYPE_0
    K(IPV6_RTHDR_TYPE_0)
#endif
#ifdef IPV6_TCLASS
    K(IPV6_TCLASS)
#endif
#ifdef IP_BIND_ADDRESS_NO_PORT
    K(IP_BIND_ADDRESS_NO_PORT)
#endif
#ifdef IP_DEFAULT_MULTICAST_LOOP
    K(IP_DEFAULT_MULTICAST_LOOP)
#endif
#ifdef IP_DEFAULT_MULTICAST_TTL
    K(IP_DEFAULT_MULTICAST_TTL)
#endif
#ifdef IP_MAX_MEMBERSHIPS
    K(IP_MAX_MEMBERSHIPS)
#endif
#ifdef IP_RECVOPTS
    K(IP_RECVOPTS)
#endif
#ifdef IP_RECVRETOPTS
    K(IP_RECVRETOPTS)
#endif
#ifdef IP_RETOPTS
    K(IP_RETOPTS)
#endif
#ifdef IP_TRANSPARENT
    K(IP_TRANSPARENT)
#endif
#ifdef J1939_FILTER_MAX
    K(J1939_FILTER_MAX)
#endif
#ifdef J1939_IDLE_ADDR
    K(J1939_IDLE_ADDR)
#endif
#ifdef J1939_MAX_UNICAST_ADDR
    K(J1939_MAX_UNICAST_ADDR)
#endif
#ifdef J1939_NO_ADDR
    K(J1939_NO_ADDR)
#endif
#ifdef J1939_NO_NAME
    K(J1939_NO_NAME)
#endif
#ifdef J1939_NO_PGN
    K(J1939_NO_PGN)
#endif
#ifdef J1939_PGN_ADDRESS_CLAIMED
    K(J1939_PGN_ADDRESS_CLAIMED)
#endif
#ifdef J1939_PGN_ADDRESS_COMMANDED
    K(J1939_PGN_ADDRESS_COMMANDED)
#endif
#ifdef J1939_PGN_MAX
    K(J1939_PGN_MAX)
#endif
#ifdef J1939_PGN_PDU1_MAX
    K(J1939_PGN_PDU1_MAX)
#endif
#ifdef J1939_PGN_REQUEST
    K(J1939_PGN_REQUEST)
#endif
#ifdef MSG_FASTOPEN
    K(MSG_FASTOPEN)
#endif
#ifdef NETLINK_CRYPTO
    K(NETLINK_CRYPTO)
#endif
#ifdef NETLINK_DNRTMSG
    K(NETLINK_DNRTMSG)
#endif
#ifdef NETLINK_FIREWALL
    K(NETLINK_FIREWALL)
#endif
#ifdef NETLINK_IP6_FW
    K(NETLINK_IP6_FW)
#endif
#ifdef NETLINK_NFLOG
    K(NETLINK_NFLOG)
#endif
#ifdef NETLINK_ROUTE
    K(NETLINK_ROUTE)
#endif
#ifdef NETLINK_USERSOCK
    K(NETLINK_USERSOCK)
#endif
#ifdef NETLINK_XFRM
    K(NETLINK_XFRM)
#endif
#ifdef PACKET_BROADCAST
    K(PACKET_BROADCAST)
#endif
#ifdef PACKET_FASTROUTE
    K(PACKET_FASTROUTE)
#endif
#ifdef PACKET_HOST
    K(PACKET_HOST)
#endif
#ifdef PACKET_LOOPBACK
    K(PACKET_LOOPBACK)
#endif
#ifdef PACKET_MULTICAST
    K(PACKET_MULTICAST)
#endif
#ifdef PACKET_OTHERHOST
    K(PACKET_OTHERHOST)
#endif
#ifdef PACKET_OUTGOING
    K(PACKET_OUTGOING)
#endif
#ifdef PF_CAN
    K(PF_CAN)
#endif
#ifdef PF_PACKET
    K(PF_PACKET)
#endif
#ifdef PF_RDS
    K(PF_RDS)
#endif
#ifdef SOL_ALG
    K(SOL_ALG)
#endif
#ifdef SOL_CAN_BASE
    K(SOL_CAN_BASE)
#endif
#ifdef SOL_CAN_RAW
    K(SOL_CAN_RAW)
#endif
#ifdef SOL_RDS
    K(SOL_RDS)
#endif
#ifdef SOL_TIPC
    K(SOL_TIPC)
#endif
#ifdef SO_INCOMING_CPU
    K(SO_INCOMING_CPU)
#endif
#ifdef SO_PASSSEC
    K(SO_PASSSEC)
#endif
#ifdef SO_PEERSEC
    K(SO_PEERSEC)
#endif
#ifdef SO_VM_SOCKETS_BUFFER_MAX_SIZE
    K(SO_VM_SOCKETS_BUFFER_MAX_SIZE)
#endif
#ifdef SO_VM_SOCKETS_BUFFER_MIN_SIZE
    K(SO_VM_SOCKETS_BUFFER_MIN_SIZE)
#endif
#ifdef SO_VM_SOCKETS_BUFFER_SIZE
    K(SO_VM_SOCKETS_BUFFER_SIZE)
#endif
#ifdef TCP_CONGESTION
    K(TCP_CONGESTION)
#endif
#ifdef TIPC_ADDR_ID
    K(TIPC_ADDR_ID)
#endif
#ifdef TIPC_ADDR_NAME
    K(TIPC_ADDR_NAME)
#endif
#ifdef TIPC_ADDR_NAMESEQ
    K(TIPC_ADDR_NAMESEQ)
#endif
#ifdef TIPC_CFG_SRV
    K(TIPC_CFG_SRV)
#endif
#ifdef TIPC_CONN_TIMEOUT
    K(TIPC_CONN_TIMEOUT)
#endif
#ifdef TIPC_CRITICAL_IMPORTANCE
    K(TIPC_CRITICAL_IMPORTANCE)
#endif
#ifdef TIPC_DEST_DROPPABLE
    K(TIPC_DEST_DROPPABLE)
#endif
#ifdef TIPC_HIGH_IMPORTANCE
    K(TIPC_HIGH_IMPORTANCE)
#endif
#ifdef TIPC_IMPORTANCE
    K(TIPC_IMPORTANCE)
#endif
#ifdef TIPC_LOW_IMPORTANCE
    K(TIPC_LOW_IMPORTANCE)
#endif
#ifdef TIPC_MEDIUM_IMPORTANCE
    K(TIPC_MEDIUM_IMPORTANCE)
#endif
#ifdef TIPC_PUBLISHED
    K(TIPC_PUBLISHED)
#endif
#ifdef TIPC_SRC_DROPPABLE
    K(TIPC_SRC_DROPPABLE)
#endif
#ifdef TIPC_SUBSCR_TIMEOUT
    K(TIPC_SUBSCR_TIMEOUT)
#endif
#ifdef TIPC_SUB_CANCEL
    K(TIPC_SUB_CANCEL)
#endif
#ifdef TIPC_SUB_PORTS
    K(TIPC_SUB_PORTS)
#endif
#ifdef TIPC_SUB_SERVICE
    K(TIPC_SUB_SERVICE)
#endif
#ifdef TIPC_TOP_SRV
    K(TIPC_TOP_SRV)
#endif
#ifdef TIPC_WAIT_FOREVER
    K(TIPC_WAIT_FOREVER)
#endif
#ifdef TIPC_WITHDRAWN
    K(TIPC_WITHDRAWN)
#endif
#ifdef TIPC_ZONE_SCOPE
    K(TIPC_ZONE_SCOPE)
#endif
#ifdef VMADDR_CID_ANY
    K(VMADDR_CID_ANY)
#endif
#ifdef VMADDR_CID_HOST
    K(VMADDR_CID_HOST)
#endif
#ifdef VMADDR_PORT_ANY
    K(VMADDR_PORT_ANY)
#endif
#ifdef VM_SOCKETS_INVALID_VERSION
    K(VM_SOCKETS_INVALID_VERSION)
#endif
#if __has_include(<linux/can/raw.h>)  // enumerators, not macros
    K(CAN_RAW_FD_FRAMES)
    K(CAN_RAW_FILTER)
    K(CAN_RAW_JOIN_FILTERS)
    K(CAN_RAW_LOOPBACK)
    K(CAN_RAW_RECV_OWN_MSGS)
#endif
#if __has_include(<linux/can/j1939.h>)  // enumerators
    K(J1939_EE_INFO_NONE)
    K(J1939_EE_INFO_TX_ABORT)
    K(J1939_NLA_BYTES_ACKED)
    K(J1939_NLA_PAD)
    K(SCM_J1939_DEST_ADDR)
    K(SCM_J1939_DEST_NAME)
    K(SCM_J1939_ERRQUEUE)
    K(SCM_J1939_PRIO)
    K(SO_J1939_ERRQUEUE)
    K(SO_J1939_FILTER)
    K(SO_J1939_PROMISC)
    K(SO_J1939_SEND_PRIO)
#endif
#if __has_include(<linux/tipc.h>)  // enumerators
    K(TIPC_CLUSTER_SCOPE)
    K(TIPC_NODE_SCOPE)
#endif
#if __has_include(<linux/can/bcm.h>)  // the broadcast manager: CPython prefixes its names
#ifdef SETTIMER
    {"CAN_BCM_SETTIMER", SETTIMER},
#endif
#ifdef STARTTIMER
    {"CAN_BCM_STARTTIMER", STARTTIMER},
#endif
#ifdef TX_COUNTEVT
    {"CAN_BCM_TX_COUNTEVT", TX_COUNTEVT},
#endif
#ifdef TX_ANNOUNCE
    {"CAN_BCM_TX_ANNOUNCE", TX_ANNOUNCE},
#endif
#ifdef TX_CP_CAN_ID
    {"CAN_BCM_TX_CP_CAN_ID", TX_CP_CAN_ID},
#endif
#ifdef RX_FILTER_ID
    {"CAN_BCM_RX_FILTER_ID", RX_FILTER_ID},
#endif
#ifdef RX_CHECK_DLC
    {"CAN_BCM_RX_CHECK_DLC", RX_CHECK_DLC},
#endif
#ifdef RX_NO_AUTOTIMER
    {"CAN_BCM_RX_NO_AUTOTIMER", RX_NO_AUTOTIMER},
#endif
#ifdef RX_ANNOUNCE_RESUME
    {"CAN_BCM_RX_ANNOUNCE_RESUME", RX_ANNOUNCE_RESUME},
#endif
#ifdef TX_RESET_MULTI_IDX
    {"CAN_BCM_TX_RESET_MULTI_IDX", TX_RESET_MULTI_IDX},
#endif
#ifdef RX_RTR_FRAME
    {"CAN_BCM_RX_RTR_FRAME", RX_RTR_FRAME},
#endif
#ifdef CAN_FD_FRAME
    {"CAN_BCM_CAN_FD_FRAME", CAN_FD_FRAME},
#endif
    {"CAN_BCM_TX_SETUP", TX_SETUP},
    {"CAN_BCM_TX_DELETE", TX_DELETE},
    {"CAN_BCM_TX_READ", TX_READ},
    {"CAN_BCM_TX_SEND", TX_SEND},
    {"CAN_BCM_RX_SETUP", RX_SETUP},
    {"CAN_BCM_RX_DELETE", RX_DELETE},
    {"CAN_BCM_RX_READ", RX_READ},
    {"CAN_BCM_TX_STATUS", TX_STATUS},
    {"CAN_BCM_TX_EXPIRED", TX_EXPIRED},
    {"CAN_BCM_RX_STATUS", RX_STATUS},
    {"CAN_BCM_RX_TIMEOUT", RX_TIMEOUT},
    {"CAN_BCM_RX_CHANGED", RX_CHANGED},
#endif
};
// clang-format on
#undef K

}  // namespace

void socket_more_constants_init(DictObject* ns) {
  for (const SocketConstant& c : kMoreConstants)
    dict_set_cstr(ns, c.name, int_from_int64(c.value).get());
}

}  // namespace minipy::lib
