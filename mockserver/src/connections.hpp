// The server's accepted connections, found among the process's descriptors (internal).
// cpp-httplib keeps no list of its connections and offers no way to close one: its
// keep-alive loop waits out the keep-alive timeout on an idle connection even after stop(),
// and a request whose framing is refused leaves its body to be read as the next request.
// Linux lists a process's descriptors in /proc/self/fd; each is dup()ed before it is looked
// at, so a descriptor closed and reused meanwhile is either still ours or left alone.
#pragma once

namespace mockserver::connections {

// Shuts down (SHUT_RD, SHUT_WR or SHUT_RDWR) every connected TCP socket whose local port is
// local_port: the server's accepted connections (clients in this process have an ephemeral
// local port). Returns how many.
int shutdown_all(int local_port, int how);

// Closes one accepted connection, found by its peer's port: shuts it down both ways and
// discards what it had buffered, so nothing after the answer is read as another request.
void close_one(int local_port, int remote_port);

}  // namespace mockserver::connections
