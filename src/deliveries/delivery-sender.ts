import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { HttpSender } from './http-sender';

/** The process's one HttpSender (its keep-alive pools), closed at shutdown. */
@Injectable()
export class DeliverySender extends HttpSender implements OnApplicationShutdown {
  constructor(config: AppConfig) {
    super({ connectionsPerOrigin: Math.min(config.delivery.maxInFlightPerWebhook, 256) });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }
}
