import { Module } from '@nestjs/common';
import { ConsoleController } from './console.controller';
import { LiveFeed } from './live-feed.service';
import { StreamController } from './stream.controller';

@Module({ controllers: [ConsoleController, StreamController], providers: [LiveFeed] })
export class ConsoleModule {}
