import { createTheme, type MantineColorsTuple } from '@mantine/core';

const relais: MantineColorsTuple = ['#e9f1ff', '#d3e0fb', '#a6bef2', '#759aea', '#4d7ce3', '#3469df', '#255fde', '#174fc6', '#0c46b2', '#003c9e'];

export const theme = createTheme({
  primaryColor: 'relais',
  primaryShade: 6,
  colors: { relais },
  defaultRadius: 'md',
  fontFamily: 'Inter, "Segoe UI", system-ui, -apple-system, Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontFamily: 'Inter, "Segoe UI", system-ui, -apple-system, Roboto, "Helvetica Neue", Arial, sans-serif' },
  cursorType: 'pointer',
  components: {
    Card: { defaultProps: { radius: 'md', shadow: 'xs' } },
    Badge: { defaultProps: { radius: 'sm' } },
    Modal: { defaultProps: { centered: true, overlayProps: { backgroundOpacity: 0.4, blur: 2 } } },
  },
});
