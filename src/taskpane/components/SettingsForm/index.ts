export { SettingsForm } from './SettingsForm';
export type { SettingsFormProps } from './SettingsForm';
export * from './form';
export * from './fields';
