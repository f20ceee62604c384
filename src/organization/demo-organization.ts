import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { CallListEntity, OrganizationEntity, OrgUserEntity, ServiceQueueEntity } from './organization.entities';

// Fixed ids, so documentation and a user's scripts can name the demo entities.
export const DEMO = {
  organizationId: 'fd434d24-f685-431d-8df5-386b5d5ffa73',
  users: [
    { id: 'b4df099e-70dc-4ff5-b4ea-c2c3547d97fb', userName: 'anna.virtanen@demo.example', number: '+358401000001' },
    { id: '2a6f1c9e-8d3b-4f7a-9c1e-5b2d4e6f8a01', userName: 'mikko.korhonen@demo.example', number: '+358401000002' },
    { id: '3b7e2d0f-9e4c-4a8b-8d2f-6c3e5f7a9b02', userName: 'laura.makinen@demo.example', number: '+358401000003' },
    { id: '4c8f3e1a-af5d-4b9c-9e3a-7d4f6a8bac03', userName: 'jukka.nieminen@demo.example', number: '+358401000004' },
  ],
  queues: {
    service: '6cb31d7d-9cd9-41dc-a096-62cf31fd0281',
    sales: '7dc42e8e-aeea-42ed-b1a7-73d042fe1392',
    vip: '8ed53f9f-bffb-43fe-82b8-84e153af24a3',
  },
  callListId: '9fe64fa0-c00c-44af-93c9-95f264bf35b4',
};

/** On first start with an empty database, a small organisation, so a newcomer sees events at once. */
@Injectable()
export class DemoOrganization implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoOrganization.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.demoOrganization) return;
    await this.dataSource.transaction(async (em) => {
      // Several processes may start at once: only the first one to lock finds the table empty.
      await em.query('LOCK TABLE organizations IN EXCLUSIVE MODE');
      if ((await em.count(OrganizationEntity)) > 0) return;
      const organizationId = DEMO.organizationId;
      await em.insert(OrganizationEntity, { id: organizationId, name: 'Demo Oy' });
      await em.insert(
        OrgUserEntity,
        DEMO.users.map((u) => ({ ...u, organizationId, availability: 'Available' as const })),
      );
      await em.insert(CallListEntity, {
        id: DEMO.callListId,
        organizationId,
        name: 'Callbacks',
        isAutoAllocate: true,
        attachedUserIds: DEMO.users.map((u) => u.id),
      });
      const attach = (ids: string[]) => ids.map((userId, i) => ({ userId, priority: i, active: true }));
      await em.insert(ServiceQueueEntity, [
        {
          id: DEMO.queues.service,
          organizationId,
          name: 'Customer Service',
          number: '+358101231234',
          attachedUsers: attach(DEMO.users.map((u) => u.id)),
          wrapUpSeconds: 10,
          maxWaitSeconds: 60,
          priority: 0,
          overflowTarget: { kind: 'callList', target: DEMO.callListId },
        },
        {
          id: DEMO.queues.sales,
          organizationId,
          name: 'Sales',
          number: '+358101231235',
          attachedUsers: attach([DEMO.users[2].id, DEMO.users[3].id]),
          wrapUpSeconds: 10,
          maxWaitSeconds: 45,
          priority: 0,
          overflowTarget: { kind: 'queue', target: DEMO.queues.service },
        },
        {
          id: DEMO.queues.vip,
          organizationId,
          name: 'VIP',
          number: '+358101231236',
          attachedUsers: attach([DEMO.users[0].id]),
          wrapUpSeconds: 5,
          maxWaitSeconds: 30,
          priority: 60,
          overflowTarget: { kind: 'queue', target: DEMO.queues.service },
        },
      ]);
      this.logger.log('Created the demo organisation "Demo Oy" (DEMO_ORGANIZATION=false turns this off)');
    });
  }
}
