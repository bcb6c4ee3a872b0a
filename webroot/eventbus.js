// A minimal client of the Vert.x SockJS event-bus bridge: the bridge speaks JSON frames
// {type: "register" | "ping" | "rec" | "err", address, body}. The dashboard only listens.
'use strict';
class BridgeFeed {
  constructor(url, addresses, onMessage, onState) {
    this.url = url;
    this.addresses = addresses;
    this.onMessage = onMessage;
    this.onState = onState;
    this.retryMs = 1000;
    this.stopped = false;
    this.open();
  }

  open() {
    this.onState('connecting');
    const sock = new SockJS(this.url);
    this.sock = sock;
    sock.onopen = () => {
      this.retryMs = 1000;
      this.onState('connected');
      for (const a of this.addresses) sock.send(JSON.stringify({type: 'register', address: a, headers: {}}));
      // The bridge closes sockets that stay silent; a ping every 5 s keeps this one.
      this.pinger = setInterval(() => sock.send(JSON.stringify({type: 'ping'})), 5000);
    };
    sock.onmessage = (e) => {
      const frame = JSON.parse(e.data);
      if (frame.type === 'rec') this.onMessage(frame.address, frame.body);
    };
    sock.onclose = () => {
      clearInterval(this.pinger);
      if (this.stopped) return;
      this.onState('disconnected');
      // The bot may be restarting: try again, backing off to 10 s.
      setTimeout(() => this.open(), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, 10000);
    };
  }

  close() {
    this.stopped = true;
    if (this.sock) this.sock.close();
  }
}
