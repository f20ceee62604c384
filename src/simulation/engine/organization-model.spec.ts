import { OrganizationModel, OrganizationModelError } from './organization-model';
import { IDS, organizationData } from './simulation.fixture';

describe('OrganizationModel', () => {
  const model = new OrganizationModel(organizationData());

  it('finds queues by id or number and users by id, username or number', () => {
    expect(model.findQueue(IDS.support)?.name).toBe('Support');
    expect(model.findQueue('+358 10 100 0100')?.id).toBe(IDS.support);
    expect(model.findQueue(IDS.support.toUpperCase())?.id).toBe(IDS.support);
    expect(model.findUser('Alice@Test.Example')?.id).toBe(IDS.alice);
    expect(model.findUser(IDS.bob)?.userName).toBe('bob@test.example');
    expect(model.findUserByNumber('+358401000003')?.id).toBe(IDS.carol);
    expect(model.findCallList(IDS.callbacks)?.name).toBe('Support callbacks');
    expect(model.findQueue('nope')).toBeUndefined();
  });

  it('gives every user idle runtime state and answers membership questions', () => {
    const alice = model.findUser(IDS.alice);
    expect(alice && model.activity(alice)).toBe('idle');
    expect(model.queuesOf(IDS.alice).map((q) => q.name)).toEqual(['Support']);
    expect(model.isServingCallbacks(model.findUser(IDS.bob)!)).toBe(true);
    expect(model.isServingCallbacks(alice!)).toBe(false);
  });

  it('copies its input and exports the same data again without runtime state', () => {
    const data = organizationData();
    const copy = new OrganizationModel(data);
    copy.setAttachedUsers(IDS.sales, []);
    expect(data.queues[1].attachedUsers).toHaveLength(1);
    const exported = copy.toData();
    expect(exported.users[0]).not.toHaveProperty('runtime');
    expect(new OrganizationModel({ ...data, queues: exported.queues }).findQueue(IDS.sales)?.attachedUsers).toEqual([]);
  });

  it('lists every problem of an inconsistent organisation', () => {
    const data = organizationData();
    data.users.push({ ...data.users[0] });
    data.queues[0].attachedUsers.push({ userId: '99999999-0000-4000-8000-000000000000', priority: 1, active: true });
    data.queues[1].overflowTarget = { type: 'queue', queueId: '99999999-0000-4000-8000-000000000001' };
    data.queues[2].maxWaitSeconds = 0;
    data.callLists[0].id = 'not-a-guid';
    try {
      new OrganizationModel(data);
      throw new Error('expected a failure');
    } catch (error) {
      expect(error).toBeInstanceOf(OrganizationModelError);
      const text = (error as OrganizationModelError).problems.join('\n');
      expect(text).toMatch(/duplicate user id/);
      expect(text).toMatch(/duplicate userName/);
      expect(text).toMatch(/unknown attached user 99999999/);
      expect(text).toMatch(/overflow target .* does not exist/);
      expect(text).toMatch(/maxWaitSeconds must be > 0/);
      expect(text).toMatch(/"not-a-guid" is not a GUID/);
    }
  });

  it('refuses unknown users in a new membership', () => {
    expect(() => new OrganizationModel(organizationData()).setAttachedUsers(IDS.support, [{ userId: IDS.support, priority: 1, active: true }])).toThrow(
      OrganizationModelError,
    );
  });
});
