import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { HttpSender } from './http-sender';

/** The process's one HttpSender (its keep-alive pools), closed at shutdown. */
@Injectable()
export class DeliverySender extends HttpSender implements OnApplicationShutdown {
  constructor(config: AppConfig) {
    // As many sockets per origin as the worker has attempts at once, so undici never queues one:
    // webhooks on the same host share its pool, and each webhook's own cap (the in-flight limiter)
    // is what bounds a receiver. A pool of one webhook's cap made a slow webhook hold every
    // connection and the others on that host wait behind it.
    super({ connectionsPerOrigin: config.delivery.concurrency });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }
}
