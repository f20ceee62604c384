/** Unit specs live beside the code they test; they need no database or Redis. */
module.exports = {
  rootDir: '.',
  roots: ['<rootDir>/src', '<rootDir>/scripts'],
  testRegex: '.*\\.spec\\.ts$',
  moduleFileExtensions: ['js', 'json', 'ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }] },
  testEnvironment: 'node',
};
